"""Public pages: the antenna map and list, one antenna, and the candidacy form."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from antenne import services
from antenne.forms import AntennaFiltroForm, CandidaturaForm, PortieratoForm
from antenne.models import Antenna, RichiestaPortierato
from costellazioni.page_cache import public_page
from costellazioni.ratelimit import over_limit
from costellazioni.security_headers import allow_browser_features

PER_PAGE = 20
MAPPA_MAX = 500
PUNTO_FIELDS = [
    "tipo",
    "nome_pubblico",
    "servizi",
    "latitudine",
    "longitudine",
    "consenso_nome",
    "quartiere__nome",
    "quartiere__latitudine",
    "quartiere__longitudine",
]
CANDIDATURE_PER_ORA = 5


def _punto(antenna) -> dict:
    """What the map and "near me" know of an antenna: only public data, at its public position."""
    lat, lng = antenna.posizione_pubblica()
    return {
        "nome": str(antenna.nome_mostrabile),
        "tipo": antenna.get_tipo_display(),
        "quartiere": antenna.quartiere.nome,
        "servizi": ", ".join(antenna.servizi_display()),
        "lat": float(lat),
        "lng": float(lng),
        "url": antenna.get_absolute_url(),
    }


@allow_browser_features("geolocation")  # «vicino a me»
@public_page("antenne", "costellazioni", "hubs", "ricerca")
def lista(request):
    filtro = AntennaFiltroForm(request.GET or None)
    queryset = filtro.filter(Antenna.objects.for_public_list())
    page_obj = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    # The map shows every antenna matching the filters, not just this page, so that "near me" can find the
    # nearest wherever it falls in the list.
    punti = queryset.only(*PUNTO_FIELDS)[:MAPPA_MAX]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "antenne/lista.html",
        {
            "filtro": filtro,
            "page_obj": page_obj,
            "map_points": [_punto(a) for a in punti],
            "per_page": PER_PAGE,
            "MAP_TILE_URL": settings.MAP_TILE_URL,
            "query_string": f"{query.urlencode()}&" if query else "",
        },
    )


@public_page("antenne", "costellazioni", "hubs", "ricerca")
def dettaglio(request, pk):
    antenna = get_object_or_404(Antenna.objects.for_public_detail(), pk=pk)
    form = None
    if request.user.is_authenticated and antenna.servizi:
        form = PortieratoForm(request.POST or None, antenna=antenna, initial={"telefono": request.user.telefono})
        if request.method == "POST" and form.is_valid():
            try:
                services.portierato_request(antenna=antenna, richiedente=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("La richiesta è stata inviata: riceverai una risposta nell'area personale.")
                )
                return redirect(antenna.get_absolute_url())
    elif request.method == "POST":
        return redirect(f"/accounts/login/?next={antenna.get_absolute_url()}")
    mie = []
    if request.user.is_authenticated:
        mie = list(RichiestaPortierato.objects.of_richiedente(request.user).filter(antenna=antenna)[:10])
    return render(request, "antenne/dettaglio.html", {"antenna": antenna, "form": form, "mie_richieste": mie})


@login_required
@require_POST
def richiesta_azione(request, pk):
    """The citizen's side of a portierato request: mark it done, cancel it, or rate it."""
    richiesta = get_object_or_404(RichiestaPortierato.objects.of_richiedente(request.user), pk=pk)
    azione = request.POST.get("azione")
    try:
        if azione == "valuta":
            voto = request.POST.get("voto", "")
            if not voto.isdigit():
                raise ValidationError(_("Scegli un voto da 1 a 5."))
            services.portierato_feedback(
                richiesta=richiesta, actor=request.user, voto=int(voto), commento=request.POST.get("commento", "")
            )
        elif azione in (RichiestaPortierato.Stato.SVOLTA, RichiestaPortierato.Stato.ANNULLATA):
            services.portierato_transition(richiesta=richiesta, to=azione, actor=request.user)
        else:
            raise ValidationError(_("Operazione non prevista."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Richiesta aggiornata."))
    return redirect(richiesta.antenna.get_absolute_url())


def candidati(request):
    form = CandidaturaForm(request.POST or None, initial={"chiave_idempotenza": uuid.uuid4()})
    if request.method == "POST":
        if over_limit(request, scope="candidature", limit=CANDIDATURE_PER_ORA):
            return render(request, "antenne/troppe_candidature.html", status=429)
        if form.is_spam():
            return redirect("antenne:grazie")  # say nothing to the bot
        if form.is_valid():
            data = form.cleaned_data
            services.antenna_candidate(
                tipo=data["tipo"],
                nome_pubblico=data["nome_pubblico"],
                quartiere=data["quartiere"],
                descrizione=data["descrizione"],
                servizi=data["servizi"],
                disponibilita=data["disponibilita"],
                email=data["email"],
                telefono=data["telefono"],
                consenso_nome=data["consenso_nome"],
                consenso_contatti=data["consenso_contatti"],
                user=request.user,
                chiave_idempotenza=data["chiave_idempotenza"],
            )
            return redirect("antenne:grazie")
    return render(request, "antenne/candidati.html", {"form": form})


def grazie(request):
    return render(request, "antenne/grazie.html")
