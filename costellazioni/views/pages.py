"""The portal's content pages, site search and the page-rating form."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from costellazioni import extensions, search
from costellazioni.argomenti import ARGOMENTI
from costellazioni.forms.pages import SegnalazioneDisservizioForm, ValutazionePaginaForm
from costellazioni.page_cache import ALL, public_page
from costellazioni.programma import MACRO_AZIONI
from costellazioni.ratelimit import over_limit
from costellazioni.services.disservizi import disservizio_report

SEARCH_PAGE_SIZE = 10


def _page(template):
    def view(request):
        return render(request, template)

    view.__name__ = template.rsplit("/", 1)[-1].removesuffix(".html")
    return public_page("costellazioni")(view)


@public_page(*ALL)
def home(request):
    return render(request, "pages/home.html", {"macro_azioni": MACRO_AZIONI, **extensions.home_context(request)})


il_progetto = _page("pages/il_progetto.html")
privacy = _page("pages/privacy.html")
accessibilita = _page("pages/accessibilita.html")
note_legali = _page("pages/note_legali.html")
domande_frequenti = _page("pages/domande_frequenti.html")
piano_di_miglioramento = _page("pages/piano_di_miglioramento.html")


@public_page("costellazioni")
def argomenti(request):
    return render(request, "pages/argomenti.html", {"argomenti": ARGOMENTI})


DISSERVIZI_PER_ORA = 5


@require_http_methods(["GET", "POST"])
def segnala_disservizio(request):
    if request.method == "GET":
        form = SegnalazioneDisservizioForm(initial={"pagina": request.GET.get("pagina", "")[:300]})
        if request.user.is_authenticated:
            form.initial["email"] = request.user.email
        return render(request, "pages/segnala_disservizio.html", {"form": form})
    form = SegnalazioneDisservizioForm(request.POST)
    if form.is_valid():
        # Only accepted reports count against the limit; a refused one keeps what was typed.
        if over_limit(request, scope="disservizio", limit=DISSERVIZI_PER_ORA):
            form.add_error(
                None, _("Hai inviato molte segnalazioni nell'ultima ora: riprova più tardi o scrivici per e-mail.")
            )
        else:
            disservizio_report(
                autore=request.user, **{k: form.cleaned_data[k] for k in ("pagina", "descrizione", "nome", "email")}
            )
            return render(request, "pages/segnala_disservizio_inviata.html", status=201)
    return render(request, "pages/segnala_disservizio.html", {"form": form}, status=400)


def cerca(request):
    query = " ".join(request.GET.get("q", "").split())[: search.MAX_QUERY_LENGTH]
    results = search.search(query) if query else []
    page_obj = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "pages/cerca.html",
        {
            "search_query": query,
            "results_count": len(results),
            "page_obj": page_obj,
            "query_string": urlencode({"q": query}) + "&",
        },
    )


@require_http_methods(["GET", "POST"])
def valutazione(request):
    if request.method == "GET":
        return redirect("home")
    form = ValutazionePaginaForm(request.POST)
    if form.is_valid():
        form.save()
        if request.headers.get("HX-Request"):
            return render(request, "includes/rating_thanks.html")
        messages.success(request, _("Grazie, il tuo parere ci aiuterà a migliorare il servizio!"))
        return redirect(form.cleaned_data["pagina"])
    if request.headers.get("HX-Request"):
        # The widget alone, with its errors, in place of the one on the page.
        return render(request, "pages/valutazione_widget.html", {"rating_form": form})
    return render(request, "pages/valutazione.html", {"rating_form": form})
