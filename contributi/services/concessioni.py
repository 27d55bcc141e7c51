"""Writes of the award: the grant agreement, acceptance or renunciation, publication, reductions, revocation,
closing.

Changes of ``Candidatura.stato`` go through ``candidatura_transition``; the other writes record their audit row
here. The payments on an award are in ``contributi.services.erogazioni``.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from contributi import permissions
from contributi.events import Evento, Notifica
from contributi.models import Candidatura, Concessione, Rendiconto, Riduzione
from contributi.services.candidature import candidatura_referenti, candidatura_transition
from costellazioni.formatting import euro
from costellazioni.permissions import require_approver
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify

C = Candidatura.Stato


def _require(decision):
    if not decision:
        raise PermissionDenied(decision.reason)


# --- award ----------------------------------------------------------------------------------------


def _default_agreement(candidatura: Candidatura) -> dict:
    bando = candidatura.bando
    return {
        "importo": candidatura.importo_concesso,
        "cup": bando.cup,
        "norma": _(
            "Art. 12 L. 241/1990; D.Lgs. 117/2017 (Codice del Terzo settore); bando «%(bando)s» "
            "(PN Metro Plus 2021-2027, Costellazioni civiche)"
        )
        % {"bando": bando.titolo},
        "ufficio": _("Direzione Coesione sociale — Servizio Welfare di comunità"),
        "modalita_individuazione": _("Procedura comparativa a evidenza pubblica: graduatoria del bando «%(bando)s»")
        % {"bando": bando.titolo},
    }


@transaction.atomic
def concessione_create(*, candidatura: Candidatura, actor, **dati) -> Concessione:
    """The award of a financed application (once: a second call returns it), with the agreement data given.

    Staff record it; never a party to the application (the beneficiary's acceptance creates it through
    ``concessione_accept``)."""
    candidatura = Candidatura.objects.select_for_update(of=("self",)).select_related("bando").get(pk=candidatura.pk)
    require_approver(permissions.can_decide(actor, candidatura))
    return _concessione_get_or_create(candidatura=candidatura, actor=actor, **dati)


def _concessione_get_or_create(*, candidatura: Candidatura, actor, **dati) -> Concessione:
    existing = Concessione.objects.filter(candidatura=candidatura).first()
    if existing:
        return existing
    if candidatura.importo_concesso is None or candidatura.stato not in (C.FINANZIATA, C.AVVIATA):
        raise ValidationError(_("Solo una candidatura finanziata dalla graduatoria riceve una concessione."))
    concessione = Concessione(candidatura=candidatura, **{**_default_agreement(candidatura), **dati})
    concessione.full_clean()
    concessione.save()
    audit_record(obj=concessione, evento=Evento.CONCESSIONE_REGISTRATA, autore=actor, nota=f"{concessione.importo} €")
    return concessione


@transaction.atomic
def concessione_update(*, concessione: Concessione, actor, **dati) -> Concessione:
    """Staff fill in or correct the agreement data (CUP, dates, COR, transparency fields)."""
    permissions.require_selection_worker(actor)
    concessione = Concessione.objects.select_for_update().select_related("candidatura__ente").get(pk=concessione.pk)
    require_approver(permissions.can_decide(actor, concessione.candidatura))
    changed = []
    for name, value in dati.items():
        if getattr(concessione, name) != value:
            setattr(concessione, name, value)
            changed.append(str(Concessione._meta.get_field(name).verbose_name))
    if not changed:
        return concessione
    concessione.full_clean()
    concessione.save()
    audit_record(
        obj=concessione, evento=Evento.DATI_DELLA_CONCESSIONE_AGGIORNATI, autore=actor, nota=", ".join(changed)
    )
    return concessione


@transaction.atomic
def concessione_accept(
    *, candidatura: Candidatura, actor, data_inizio: date | None = None, data_fine: date | None = None, now=None
) -> Concessione:
    """The beneficiary accepts the grant: acceptance recorded, project dates set, FINANZIATA → AVVIATA.

    Dates staff already set on the award stand (the acceptance form does not ask for them again); the
    beneficiary gives only the missing ones.
    """
    _require(permissions.can_accept(actor, candidatura))
    candidatura = Candidatura.objects.select_for_update(of=("self",)).select_related("bando").get(pk=candidatura.pk)
    concessione = _concessione_get_or_create(candidatura=candidatura, actor=actor)
    concessione = Concessione.objects.select_for_update().get(pk=concessione.pk)
    data_inizio = concessione.data_inizio or data_inizio
    data_fine = concessione.data_fine or data_fine
    missing = {
        name: _("Indica la data.")
        for name, value in (("data_inizio", data_inizio), ("data_fine", data_fine))
        if not value
    }
    if missing:
        raise ValidationError(missing)
    if data_fine < data_inizio:
        raise ValidationError({"data_fine": _("La fine del progetto non può precedere l'inizio.")})
    concessione.data_inizio = data_inizio
    concessione.data_fine = data_fine
    concessione.accettata_il = now or timezone.now()
    concessione.accettata_da = actor
    concessione.full_clean()
    concessione.save()
    candidatura_transition(candidatura=candidatura, to=C.AVVIATA, actor=actor)
    return concessione


@transaction.atomic
def concessione_renounce(*, candidatura: Candidatura, actor, note: str) -> Candidatura:
    """The beneficiary renounces the grant (rinuncia), with a reason: FINANZIATA → RITIRATA."""
    _require(permissions.can_accept(actor, candidatura))
    return candidatura_transition(candidatura=candidatura, to=C.RITIRATA, actor=actor, note=note)


@transaction.atomic
def concessione_publish(*, concessione: Concessione, actor, pubblicata_il: date | None = None) -> Concessione:
    """Record the publication in Amministrazione trasparente: from that date the award takes effect."""
    permissions.require_selection_worker(actor)
    concessione = Concessione.objects.select_for_update().select_related("candidatura").get(pk=concessione.pk)
    require_approver(permissions.can_decide(actor, concessione.candidatura))
    if concessione.pubblicata_il:
        raise ValidationError(_("La concessione è già pubblicata."))
    errors = {}
    if not concessione.cup:
        errors["cup"] = _("Indica il codice CUP prima di pubblicare.")
    if concessione.de_minimis and not concessione.codice_cor:
        errors["codice_cor"] = _("Per un aiuto «de minimis» indica il codice COR del Registro nazionale aiuti.")
    if errors:
        raise ValidationError(errors)
    concessione.pubblicata_il = pubblicata_il or timezone.localdate()
    concessione.pubblicata_da = actor
    concessione.full_clean()
    concessione.save()
    audit_record(
        obj=concessione,
        evento=Evento.CONCESSIONE_PUBBLICATA,
        autore=actor,
        nota=formats.date_format(concessione.pubblicata_il, "SHORT_DATE_FORMAT"),
    )
    return concessione


# --- reductions, revocation, closing --------------------------------------------------------------


def riduzione_check(*, concessione: Concessione, importo: Decimal, motivo: str) -> None:
    """Why a reduction of ``importo`` cannot be made now, if it cannot: never below what has been paid."""
    if not motivo.strip():
        raise ValidationError({"motivo": _("Scrivi il motivo della riduzione: verrà comunicato al beneficiario.")})
    if concessione.revocata_il:
        raise ValidationError(_("Il contributo è stato revocato."))
    if importo is None or importo <= 0:
        raise ValidationError({"importo": _("Indica un importo maggiore di zero.")})
    nuovo_erogabile = concessione.importo - concessione.riduzione - importo
    if nuovo_erogabile <= 0:
        raise ValidationError({"importo": _("La riduzione azzera il contributo: disponi invece la revoca.")})
    erogato = concessione.erogato()
    if nuovo_erogabile < erogato:
        raise ValidationError(
            {
                "importo": _("Il contributo ridotto sarebbe inferiore a quanto già pagato (%(p)s).")
                % {"p": euro(erogato)}
            }
        )


@transaction.atomic
def concessione_reduce(*, concessione: Concessione, actor, importo: Decimal, motivo: str) -> Riduzione:
    """Reduce the amount granted, with the reason (see ``riduzione_check``)."""
    permissions.require_selection_worker(actor)
    concessione = Concessione.objects.select_for_update().select_related("candidatura").get(pk=concessione.pk)
    require_approver(permissions.can_decide(actor, concessione.candidatura))
    riduzione_check(concessione=concessione, importo=importo, motivo=motivo)
    riduzione = Riduzione(concessione=concessione, importo=importo, motivo=motivo, autore=actor)
    riduzione.full_clean()
    riduzione.save()
    concessione.riduzione += importo
    concessione.motivo_riduzione = "\n\n".join(part for part in (concessione.motivo_riduzione, motivo) if part)
    concessione.full_clean()
    concessione.save()
    audit_record(obj=concessione, evento=Evento.CONTRIBUTO_RIDOTTO, autore=actor, nota=f"{euro(importo)}: {motivo}")
    notify(
        destinatari=candidatura_referenti(concessione.candidatura),
        tipo=Notifica.PAGAMENTO,
        oggetto=_("Contributo ridotto: %(candidatura)s") % {"candidatura": concessione.candidatura},
        testo=_("Il contributo è stato ridotto di %(importo)s; ora è di %(erogabile)s.\n\n%(motivo)s")
        % {"importo": euro(importo), "erogabile": euro(concessione.importo_erogabile), "motivo": motivo},
        link=concessione.get_absolute_url(),
    )
    return riduzione


@transaction.atomic
def concessione_revoke(*, concessione: Concessione, actor, motivo: str, now=None) -> Concessione:
    """Revoke the grant (→ REVOCATA, with the reason): nothing more is paid; what was paid is to be recovered."""
    concessione = Concessione.objects.select_for_update().get(pk=concessione.pk)
    candidatura_transition(
        candidatura=concessione.candidatura,
        to=C.REVOCATA,
        actor=actor,
        note=motivo,
        messaggio=_("Il contributo è stato revocato.\n\n%(motivo)s") % {"motivo": motivo},
    )
    concessione.revocata_il = now or timezone.now()
    concessione.motivo_revoca = motivo
    concessione.full_clean()
    concessione.save()
    return concessione


@transaction.atomic
def concessione_close(*, concessione: Concessione, actor) -> Concessione:
    """Close the project (RENDICONTATA → CONCLUSA) once the final report is approved and everything is paid."""
    concessione = Concessione.objects.select_for_update().select_related("candidatura").get(pk=concessione.pk)
    if not concessione.rendiconti.filter(tipo=Rendiconto.Tipo.FINALE, stato=Rendiconto.Stato.APPROVATO).exists():
        raise ValidationError(_("Il rendiconto finale non è ancora approvato."))
    residuo = concessione.importo_erogabile - concessione.erogato()
    if residuo > 0:
        raise ValidationError(_("Restano da pagare %(r)s: registra prima il saldo.") % {"r": euro(residuo)})
    candidatura_transition(candidatura=concessione.candidatura, to=C.CONCLUSA, actor=actor)
    return concessione
