"""The portal's content pages, site search and the page-rating form."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from costellazioni import extensions, search
from costellazioni.forms.pages import ValutazionePaginaForm
from costellazioni.page_cache import ALL, public_page
from costellazioni.programma import MACRO_AZIONI

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
