"""Writes of the calls: publication, which freezes them, and the dated amendments (rettifiche)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from contributi.events import Evento, Notifica
from contributi.models import (
    AllegatoRichiesto,
    Bando,
    Candidatura,
    CriterioValutazione,
    DocumentoBando,
    FaqBando,
    Rettifica,
)
from contributi.permissions import require_selection_worker
from contributi.services.checklist import checklist_fill
from costellazioni import page_cache
from costellazioni.formatting import deadline
from costellazioni.models import Membership, User
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_fire
from costellazioni.uploads import file_store

BandoRow = CriterioValutazione | AllegatoRichiesto | DocumentoBando | FaqBando


@transaction.atomic
def bando_save(*, bando: Bando, actor) -> Bando:
    """Register a call, or correct one: once published its frozen fields refuse to change (the model says so)."""
    require_selection_worker(actor)
    evento = Evento.BANDO_MODIFICATO if bando.pk is not None else Evento.BANDO_REGISTRATO
    bando.full_clean()
    bando.save()
    audit_record(obj=bando, evento=evento, autore=actor)
    return bando


@transaction.atomic
def bando_row_save(*, row: BandoRow, actor) -> BandoRow:
    """Add or correct a part of a call: a criterion or a required attachment (before publication only, the model
    refuses after), a document or an FAQ."""
    require_selection_worker(actor)
    evento = Evento.CONTENUTO_DEL_BANDO_MODIFICATO if row.pk is not None else Evento.CONTENUTO_DEL_BANDO_AGGIUNTO
    row.full_clean()
    row.save()
    audit_record(obj=row.bando, evento=evento, autore=actor, nota=str(row))
    return row


@transaction.atomic
def bando_row_delete(*, row: BandoRow, actor) -> None:
    """Remove a part of a call (a criterion or a required attachment only before publication)."""
    require_selection_worker(actor)
    audit_record(obj=row.bando, evento=Evento.CONTENUTO_DEL_BANDO_RIMOSSO, autore=actor, nota=str(row))
    row.delete()


@transaction.atomic
def bando_quartieri_set(*, bando: Bando, quartieri, actor) -> None:
    """Say which quartieri a call is for (before publication: they are part of what applicants read)."""
    require_selection_worker(actor)
    bando = Bando.objects.select_for_update().get(pk=bando.pk)
    chosen = sorted(quartieri, key=lambda quartiere: quartiere.pk)
    if {q.pk for q in chosen} == set(bando.quartieri.values_list("pk", flat=True)):
        return
    if bando.is_published:
        raise ValidationError(
            {"quartieri": _("Il bando è pubblicato: i quartieri si correggono solo con una rettifica.")},
            code="frozen",
        )
    bando.quartieri.set(chosen)
    audit_record(
        obj=bando,
        evento=Evento.QUARTIERI_DEL_BANDO_MODIFICATI,
        autore=actor,
        nota=", ".join(str(quartiere) for quartiere in chosen),
    )


@transaction.atomic
def bando_publish(*, bando: Bando, actor, now=None) -> Bando:
    """Publish a draft call: from now on its criteria, amounts, dates and rules are frozen."""
    bando = Bando.objects.select_for_update().get(pk=bando.pk)
    if bando.stato != Bando.Stato.BOZZA:
        raise ValidationError(_("Il bando è già pubblicato."))
    if not bando.criteri.exists():
        raise ValidationError(_("Indica i criteri di valutazione prima di pubblicare il bando."))
    if not bando.tranche.exists():
        raise ValidationError(
            _("Indica il piano delle tranche di pagamento prima di pubblicare il bando: fa parte del bando.")
        )
    bando.full_clean()
    workflow_fire(obj=bando, to=Bando.Stato.PUBBLICATO, actor=actor, pubblicato_il=now or timezone.now())
    page_cache.bump("contributi")  # no signal from update()/bulk_create(): pages follow now
    if not bando.checklist.exists():
        checklist_fill(bando=bando, actor=actor)
    return bando


@transaction.atomic
def rettifica_publish(
    *, bando: Bando, actor, oggetto: str, testo: str, nuova_chiusura=None, documento=None, now=None
) -> Rettifica:
    """Publish a dated amendment; ``nuova_chiusura`` extends the deadline (never shortens it).

    ``documento``, the signed act, must be a PDF (checked by content).
    """
    bando = Bando.objects.select_for_update().get(pk=bando.pk)
    require_selection_worker(actor)
    if not bando.is_published:
        raise ValidationError(_("Un bando in bozza si corregge direttamente, senza rettifica."))
    if nuova_chiusura is not None and nuova_chiusura <= bando.termine:
        raise ValidationError({"nuova_chiusura": _("La proroga deve spostare il termine più avanti.")})
    numero = (bando.rettifiche.aggregate(m=Max("numero"))["m"] or 0) + 1
    rettifica = Rettifica(
        bando=bando,
        numero=numero,
        pubblicata_il=now or timezone.now(),
        oggetto=oggetto,
        testo=testo,
        nuova_chiusura=nuova_chiusura,
        autore=actor,
    )
    rettifica.full_clean()
    if documento is not None:
        file_store(
            instance=rettifica, field_name="documento", uploaded=documento, stem=f"rettifica-{bando.slug}-{numero}"
        )
    else:
        rettifica.save()
    if nuova_chiusura is not None:
        Bando.objects.filter(pk=bando.pk).update(termine=nuova_chiusura)
        page_cache.bump("contributi")  # no signal from update()/bulk_create(): pages follow now
        bando.termine = nuova_chiusura
    audit_record(obj=bando, evento=Evento.RETTIFICA_PUBBLICATA, autore=actor, nota=oggetto)
    _tell_applicants(bando, rettifica)
    return rettifica


def _tell_applicants(bando: Bando, rettifica: Rettifica) -> None:
    """Whoever is preparing or has submitted an application hears of the amendment: it may change their plans."""
    enti = Candidatura.objects.filter(bando=bando).exclude(stato=Candidatura.Stato.RITIRATA).values("ente_id")
    destinatari = User.objects.filter(
        memberships__ente_id__in=enti, memberships__stato=Membership.Stato.VERIFICATA, is_active=True
    ).distinct()
    testo = [rettifica.oggetto, rettifica.testo]
    if rettifica.nuova_chiusura is not None:
        testo.append(_("Nuova scadenza: entro %(when)s (ora di Roma).") % {"when": deadline(rettifica.nuova_chiusura)})
    notify(
        destinatari=destinatari,
        tipo=Notifica.BANDO,
        oggetto=_("Rettifica n. %(numero)d al bando «%(bando)s»") % {"numero": rettifica.numero, "bando": bando},
        testo="\n\n".join(testo),
        link=bando.get_absolute_url(),
    )
