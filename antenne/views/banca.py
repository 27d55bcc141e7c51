"""The time bank: public offers and requests; for members, their balance, history and exchanges;
for the coordination, the membership requests to verify."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from antenne import permissions, services
from antenne.forms import AnnuncioForm, ContattoForm, ScambioForm
from antenne.models import MovimentoBancaDelTempo, Offerta, Richiesta, Scambio, SocioBancaDelTempo
from antenne.views.operatori import operatore_required
from costellazioni.ratelimit import over_limit

PER_PAGE = 12
SOCI_PER_PAGE = 25
STORICO = 20
MESSAGGI_PER_ORA = 20  # messages one client may send to members in an hour


def _socio(user):
    if not user.is_authenticated:
        return None
    return SocioBancaDelTempo.objects.filter(user=user).first()


def indice(request):
    socio = _socio(request.user)
    offerte = Paginator(Offerta.objects.pubblicati(), PER_PAGE).get_page(request.GET.get("offerte"))
    richieste = Paginator(Richiesta.objects.pubblicati(), PER_PAGE).get_page(request.GET.get("richieste"))
    context = {"socio": socio, "offerte": offerte, "richieste": richieste, "scambio_form": ScambioForm()}
    if socio is not None and socio.stato == SocioBancaDelTempo.Stato.VERIFICATO:
        context.update(
            membro=True,
            saldo=socio.saldo(),
            movimenti=MovimentoBancaDelTempo.objects.filter(socio=socio).select_related("scambio")[:STORICO],
            in_corso=Scambio.objects.of_socio(socio).in_corso().select_related("erogatore__user", "beneficiario__user"),
            annuncio_form=AnnuncioForm(initial={"chiave_idempotenza": uuid.uuid4()}),
        )
    return render(request, "antenne/banca/indice.html", context)


@login_required
@require_POST
def iscriviti(request):
    services.socio_join(user=request.user)
    messages.success(request, _("Richiesta di iscrizione inviata: il coordinamento la verificherà."))
    return redirect("banca_del_tempo:indice")


def _verified_socio_or_403(user):
    socio = _socio(user)
    if socio is None or socio.stato != SocioBancaDelTempo.Stato.VERIFICATO:
        raise PermissionDenied(_("Solo i soci verificati possono farlo."))
    return socio


@login_required
@require_POST
def annuncio_nuovo(request):
    socio = _verified_socio_or_403(request.user)
    form = AnnuncioForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        create = services.offerta_create if data.pop("tipo") == "offerta" else services.richiesta_create
        create(socio=socio, **data)
        messages.success(request, _("Annuncio pubblicato."))
    else:
        messages.error(request, _("Controlla i campi dell'annuncio: titolo e categoria sono obbligatori."))
    return redirect("banca_del_tempo:indice")


@login_required
@require_POST
def scambio_nuovo(request, tipo, pk):
    """From an offer: I received that help. From a request: I gave that help."""
    socio = _verified_socio_or_403(request.user)
    annuncio = get_object_or_404((Offerta if tipo == "offerta" else Richiesta).objects.pubblicati(), pk=pk)
    form = ScambioForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indica le ore (da 0,25 a 24) e che cosa è stato fatto."))
        return redirect("banca_del_tempo:indice")
    erogatore, beneficiario = (annuncio.socio, socio) if tipo == "offerta" else (socio, annuncio.socio)
    da_concordare = request.POST.get("momento") == "prima"  # proposed before it happens, to be agreed
    try:
        services.scambio_propose(
            proposto_da=socio,
            erogatore=erogatore,
            beneficiario=beneficiario,
            offerta=annuncio if tipo == "offerta" else None,
            richiesta=annuncio if tipo == "richiesta" else None,
            da_concordare=da_concordare,
            **form.cleaned_data,
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if da_concordare:
            messages.success(request, _("Scambio proposto: ora l'altra persona può accettarlo."))
        else:
            messages.success(request, _("Scambio registrato: ora l'altra persona deve confermarlo."))
    return redirect("banca_del_tempo:indice")


@login_required
@require_POST
def scambio_azione(request, pk):
    socio = _verified_socio_or_403(request.user)
    scambio = get_object_or_404(Scambio.objects.of_socio(socio), pk=pk)
    azione = request.POST.get("azione")
    try:
        if azione == "annulla":
            services.scambio_cancel(scambio=scambio, socio=socio)
            messages.success(request, _("Scambio annullato."))
        elif azione == "accetta":
            services.scambio_agree(scambio=scambio, socio=socio)
            messages.success(request, _("Scambio concordato: dopo che è avvenuto, confermalo."))
        else:
            services.scambio_confirm(scambio=scambio, socio=socio)
            messages.success(request, _("Scambio confermato."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("banca_del_tempo:indice")


@login_required
def scrivi(request, pk):
    """Write to another member through the portal, about one of their posts or in reply to their message."""
    mittente = _verified_socio_or_403(request.user)
    destinatario = get_object_or_404(SocioBancaDelTempo.objects.verificati().select_related("user"), pk=pk)
    decision = permissions.can_contact(mittente, destinatario)
    if not decision:
        raise PermissionDenied(decision.reason)
    params = request.POST if request.method == "POST" else request.GET
    annuncio, annuncio_param = None, ""
    for model, name in ((Offerta, "offerta"), (Richiesta, "richiesta")):
        scelto = params.get(name, "")
        if annuncio is None and scelto.isdigit():
            annuncio = model.objects.filter(socio=destinatario, pk=int(scelto)).first()
            annuncio_param = name if annuncio is not None else ""
    form = ContattoForm(request.POST or None)
    status = 200
    # Only well-formed messages count towards the limit; what was typed stays in the form.
    if (
        request.method == "POST"
        and form.is_valid()
        and over_limit(request, scope="banca-scrivi", limit=MESSAGGI_PER_ORA)
    ):
        form.add_error("testo", _("Hai scritto molti messaggi in poco tempo: riprova fra un'ora."))
        status = 429
    if request.method == "POST" and form.is_valid():
        try:
            services.socio_contact(
                mittente=mittente, destinatario=destinatario, testo=form.cleaned_data["testo"], annuncio=annuncio
            )
        except ValidationError as error:
            form.add_error("testo", error.messages)
        else:
            messages.success(
                request, _("Messaggio inviato a %(nome)s attraverso il portale.") % {"nome": destinatario.nome_pubblico}
            )
            return redirect("banca_del_tempo:indice")
    return render(
        request,
        "antenne/banca/scrivi.html",
        {"destinatario": destinatario, "annuncio": annuncio, "annuncio_param": annuncio_param, "form": form},
        status=400 if status == 200 and form.is_bound and form.errors else status,
    )


@operatore_required
def soci_da_verificare(request):
    """The coordinator's queue of membership requests: verify, or turn down with a reason."""
    decision = permissions.can_manage_banca(request.user)
    if not decision:
        raise PermissionDenied(decision.reason)
    errore = None
    if request.method == "POST":
        scelto = request.POST.get("socio", "")
        socio = get_object_or_404(SocioBancaDelTempo.objects.da_verificare(), pk=scelto if scelto.isdigit() else None)
        nota = request.POST.get("nota", "")
        try:
            if request.POST.get("azione") == "respingi":
                services.socio_reject(socio=socio, actor=request.user, note=nota)
                messages.success(request, _("Iscrizione di %(nome)s non accolta.") % {"nome": socio.user})
            else:
                services.socio_verify(socio=socio, actor=request.user)
                messages.success(request, _("%(nome)s è ora socio della banca del tempo.") % {"nome": socio.user})
        except ValidationError as error:
            errore = {"socio": socio.pk, "nota": nota, "testo": " ".join(error.messages)}
        else:
            return redirect("operatori:soci")
    page_obj = Paginator(SocioBancaDelTempo.objects.da_verificare().order_by("iscritto_il", "pk"), SOCI_PER_PAGE)
    return render(
        request,
        "antenne/operatori/soci.html",
        {"page_obj": page_obj.get_page(request.GET.get("page")), "errore": errore, "query_string": ""},
        status=400 if errore else 200,
    )
