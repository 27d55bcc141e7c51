"""The chair's page of a meeting: attendance register, held, minutes per agenda item, decisions, actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni.models import User
from governance import permissions
from governance.forms_gestione import (
    AggiornamentoForm,
    ApprovazioneForm,
    AzioneForm,
    DecisioneForm,
    PresenzeForm,
    VerbaleForm,
)
from governance.models import Azione, Decisione, MembroOrgano, Riunione, Verbale
from governance.services import azioni, riunioni, verbali


def _add_errors(form, error) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else [str(error)])


@login_required
def gestione(request, pk):
    riunione = get_object_or_404(Riunione.objects.select_related("organo"), pk=pk)
    if not permissions.can_manage_riunione(request.user, riunione):
        raise Http404
    partecipazioni = list(riunione.partecipazioni.select_related("user").order_by("pk"))
    punti = list(riunione.punti.all())
    verbale_list = list(riunione.verbali.all())
    bozza = next((v for v in verbale_list if v.stato == Verbale.Stato.BOZZA), None)
    vigente = next((v for v in verbale_list if v.stato == Verbale.Stato.APPROVATO), None)
    sorgente = bozza or vigente
    testi = {vp.punto_id: vp.testo for vp in sorgente.punti.all()} if sorgente else {}
    correzione = bozza is None and vigente is not None
    decisioni = list(Decisione.objects.filter(punto__riunione=riunione).select_related("punto"))
    orientamenti = Decisione.objects.orientamenti().exclude(esito=Decisione.Esito.RESPINTA).order_by("-creata_il")[:50]
    membri = MembroOrgano.objects.in_carica().filter(organo=riunione.organo).select_related("user")
    azione = request.POST.get("azione") if request.method == "POST" else None
    presenze_form = PresenzeForm(request.POST if azione == "presenze" else None, partecipazioni=partecipazioni)
    verbale_form = VerbaleForm(
        request.POST if azione == "verbale" else None,
        punti=punti,
        correzione=correzione,
        testi=testi,
        initial={"premessa": sorgente.premessa if sorgente else ""},
    )
    decisione_form = DecisioneForm(
        request.POST if azione == "decisione" else None, punti=punti, orientamenti=orientamenti
    )
    azione_form = AzioneForm(request.POST if azione == "azione_nuova" else None, decisioni=decisioni, membri=membri)
    da_approvare = list(
        Verbale.objects.filter(
            riunione__organo=riunione.organo, riunione__fine__lt=riunione.inizio, stato=Verbale.Stato.BOZZA
        ).select_related("riunione__organo")
    )
    approvazione_form = ApprovazioneForm(request.POST if azione == "approva" else None, verbali=da_approvare)
    da_verificare = list(Azione.objects.da_verificare_in(riunione))
    aggiornamento_form = AggiornamentoForm(request.POST if azione == "aggiorna" else None, azioni=da_verificare)
    try:
        if azione == "presenze" and presenze_form.is_valid():
            numero = riunioni.presenze_register(
                riunione=riunione, actor=request.user, presenze=presenze_form.presenze()
            )
            messages.success(
                request,
                _("Presenze registrate: %(validi)s presenti o rappresentati, quorum %(richiesto)s.")
                % {"validi": numero.validi, "richiesto": numero.richiesto},
            )
            return redirect("governance:gestione", pk=riunione.pk)
        if azione == "svolta":
            riunioni.riunione_held(riunione=riunione, actor=request.user)
            messages.success(request, _("La riunione è segnata come svolta: ora puoi scrivere il verbale."))
            return redirect("governance:gestione", pk=riunione.pk)
        if azione == "verbale" and verbale_form.is_valid():
            data = verbale_form.cleaned_data
            if correzione:
                verbali.verbale_correct(
                    riunione=riunione,
                    actor=request.user,
                    motivo=data["motivo_correzione"],
                    testi=verbale_form.testi(),
                    premessa=data["premessa"],
                )
            else:
                verbali.verbale_write(
                    riunione=riunione, actor=request.user, premessa=data["premessa"], testi=verbale_form.testi()
                )
            messages.success(request, _("Verbale salvato in bozza: sarà approvato in una prossima riunione."))
            return redirect("governance:gestione", pk=riunione.pk)
        if azione == "decisione" and decisione_form.is_valid():
            data = decisione_form.cleaned_data
            verbali.decisione_record(
                punto=next(p for p in punti if p.pk == data["punto"]),
                actor=request.user,
                testo=data["testo"],
                tipo=data["tipo"],
                favorevoli=data["favorevoli"],
                contrari=data["contrari"],
                astenuti=data["astenuti"],
                orientamento=Decisione.objects.filter(pk=data["orientamento"]).first()
                if data["orientamento"]
                else None,
            )
            messages.success(request, _("Decisione registrata."))
            return redirect("governance:gestione", pk=riunione.pk)
        if azione == "azione_nuova" and azione_form.is_valid():
            data = azione_form.cleaned_data
            azioni.azione_create(
                decisione=next(d for d in decisioni if d.pk == data["decisione"]),
                actor=request.user,
                descrizione=data["descrizione"],
                scadenza=data["scadenza"],
                responsabile=User.objects.get(pk=data["responsabile"]),
            )
            messages.success(request, _("Azione affidata."))
            return redirect("governance:gestione", pk=riunione.pk)
        if azione == "approva" and approvazione_form.is_valid():
            data = approvazione_form.cleaned_data
            verbali.verbale_approve(
                verbale=next(v for v in da_approvare if v.pk == data["verbale"]),
                in_riunione=riunione,
                favorevoli=data["favorevoli"],
                contrari=data["contrari"],
                astenuti=data["astenuti"],
                actor=request.user,
            )
            messages.success(request, _("Verbale approvato con la votazione registrata."))
            return redirect("governance:gestione", pk=riunione.pk)
        if azione == "aggiorna" and aggiornamento_form.is_valid():
            data = aggiornamento_form.cleaned_data
            azioni.azione_update(
                azione=next(a for a in da_verificare if a.pk == data["azione_id"]),
                actor=request.user,
                nota=data["nota"],
                to=data["stato"],
                riunione=riunione,
            )
            messages.success(request, _("Aggiornamento registrato."))
            return redirect("governance:gestione", pk=riunione.pk)
    except (ValidationError, PermissionDenied) as error:
        form = {
            "approva": approvazione_form,
            "aggiorna": aggiornamento_form,
            "presenze": presenze_form,
            "verbale": verbale_form,
            "decisione": decisione_form,
            "azione_nuova": azione_form,
        }.get(azione)
        if form is None:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("governance:gestione", pk=riunione.pk)
        _add_errors(form, error)
    return render(
        request,
        "governance/gestione.html",
        {
            "riunione": riunione,
            "presenze_form": presenze_form,
            "verbale_form": verbale_form,
            "decisione_form": decisione_form,
            "azione_form": azione_form,
            "approvazione_form": approvazione_form if da_approvare else None,
            "aggiornamento_form": aggiornamento_form if da_verificare else None,
            "da_verificare": da_verificare,
            "decisioni": decisioni,
            "quorum": riunioni.quorum(riunione),
            "iniziata": riunione.inizio <= timezone.now(),
            "bozza": bozza,
            "vigente": vigente,
        },
    )
