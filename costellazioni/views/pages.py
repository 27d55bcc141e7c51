from django.shortcuts import render


def _page(template):
    def view(request):
        return render(request, template)

    return view


home = _page("pages/home.html")
il_progetto = _page("pages/il_progetto.html")
privacy = _page("pages/privacy.html")
accessibilita = _page("pages/accessibilita.html")
note_legali = _page("pages/note_legali.html")
cerca = _page("pages/cerca.html")
valutazione = _page("pages/home.html")
