"""One meeting: agenda, place, answer to the convocation, registration, minutes; its .ics and minutes PDF."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from costellazioni.models import Ente
from costellazioni.page_cache import public_page
from governance import permissions
from governance.calendario import ICS_MIMETYPE, riunione_ics
from governance.models import Azione, Partecipazione, Riunione, Verbale
from governance.services import riunioni as services
from governance.services.verbali import verbale_pdf


def _riunione(request, pk) -> Riunione:
    riunione = get_object_or_404(Riunione.objects.select_related("organo", "hub"), pk=pk)
    if not permissions.can_view_riunione(request.user, riunione):
        raise Http404
    return riunione


def _verbale_leggibile(user, riunione):
    """The minutes this person may read: the approved version, or for members also the draft."""
    verbali = list(riunione.verbali.all())
    vigente = next((v for v in verbali if v.stato == Verbale.Stato.APPROVATO), None)
    if vigente and permissions.can_read_verbale(user, vigente):
        return vigente
    bozza = next((v for v in verbali if v.stato == Verbale.Stato.BOZZA), None)
    if bozza and permissions.can_read_verbale(user, bozza):
        return bozza
    return None


@public_page("governance", "costellazioni", "hubs")
def riunione_detail(request, pk):
    riunione = _riunione(request, pk)
    user = request.user
    verbale = _verbale_leggibile(user, riunione)
    punti = list(riunione.punti.prefetch_related("decisioni__azioni"))
    if verbale is not None:
        testi = {vp.punto_id: vp.testo for vp in verbale.punti.all()}
        for punto in punti:
            punto.testo_verbale = testi.get(punto.pk, "")
    mia = (
        riunione.partecipazioni.filter(user=user).select_related("delegato_a__user").first()
        if user.is_authenticated
        else None
    )
    membro = permissions.is_member(user, riunione.organo)
    gestisce = bool(permissions.can_manage_riunione(user, riunione))
    vede_registro = membro or gestisce
    partecipazioni = (
        list(riunione.partecipazioni.select_related("user", "ente", "delegato_a__user", "membro"))
        if vede_registro
        else []
    )
    return render(
        request,
        "governance/riunione_detail.html",
        {
            "riunione": riunione,
            "punti": punti,
            "verbale": verbale,
            "mia": mia,
            "membro": membro,
            "vede_registro": vede_registro,
            "gestisce": gestisce,
            "partecipazioni": partecipazioni,
            "quorum": services.quorum(riunione) if vede_registro else None,
            "azioni_da_verificare": list(Azione.objects.da_verificare_in(riunione)) if vede_registro else [],
            "puo_iscriversi": mia is None and bool(permissions.can_register(user, riunione)),
            "iscrizioni_possibili": riunione.is_public and riunione.iscrizioni_aperte,
            "enti": Ente.objects.verified().represented_by(user) if user.is_authenticated else [],
            "risposte": Partecipazione.Risposta,
            "aperta": riunione.stato == Riunione.Stato.CONVOCATA and riunione.inizio > timezone.now(),
        },
    )


@login_required
@require_POST
def riunione_rispondi(request, pk):
    riunione = _riunione(request, pk)
    risposta = request.POST.get("risposta", "")
    if risposta not in (Partecipazione.Risposta.PARTECIPO, Partecipazione.Risposta.NON_PARTECIPO):
        messages.error(request, _("Scegli se parteciperai o no."))
        return redirect(riunione)
    try:
        services.partecipazione_rispondi(riunione=riunione, user=request.user, risposta=risposta)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Grazie, la tua risposta è registrata."))
    return redirect(riunione)


@login_required
@require_POST
def riunione_iscriviti(request, pk):
    riunione = _riunione(request, pk)
    ente = None
    if request.POST.get("ente", "").isdigit():
        ente = Ente.objects.filter(pk=int(request.POST["ente"])).first()
    try:
        services.partecipazione_iscrivi(riunione=riunione, user=request.user, ente=ente)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Sei iscritto alla riunione: ti aspettiamo."))
    return redirect(riunione)


def riunione_ics_view(request, pk):
    riunione = _riunione(request, pk)
    response = HttpResponse(
        riunione_ics(riunione, site_url=settings.SITE_URL), content_type=f"{ICS_MIMETYPE}; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"riunione-{riunione.pk}.ics")
    return response


def verbale_pdf_view(request, pk):
    riunione = _riunione(request, pk)
    verbale = _verbale_leggibile(request.user, riunione)
    if verbale is None:
        raise Http404
    response = HttpResponse(verbale_pdf(verbale), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"verbale-riunione-{riunione.pk}-v{verbale.versione}.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
