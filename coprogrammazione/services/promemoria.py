"""The daily follow-up of signed MOUs: states from their dates, and reminders sent once.

A reminder is one ``Promemoria`` row, unique per (MOU or commitment, kind, day) and written before the
notification in the same transaction: running the task twice on the same day sends nothing twice, and
each kind is sent once in the life of the MOU or commitment.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coprogrammazione import permissions, workflows
from coprogrammazione.events import Notifica
from coprogrammazione.models import Impegno, Promemoria, ProtocolloIntesa
from coprogrammazione.services.protocolli import protocollo_apply_transition, system_actor
from costellazioni.formatting import deadline
from costellazioni.services.notifications import notify

P = ProtocolloIntesa.Stato
T = Promemoria.Tipo
SOGLIE = [(7, T.SCADENZA_7), (30, T.SCADENZA_30), (60, T.SCADENZA_60)]
GIORNI_PREAVVISO_IMPEGNO = 7


def protocolli_follow_dates(*, today: datetime.date | None = None) -> int:
    """Move signed MOUs along their dates (attivo, in scadenza, scaduto); return how many moved."""
    today = today or timezone.localdate()
    moved = 0
    for pk in ProtocolloIntesa.objects.filter(stato__in=workflows.PROTOCOLLO_SEGUITO).values_list("pk", flat=True):
        with transaction.atomic():
            protocollo = ProtocolloIntesa.objects.select_for_update().get(pk=pk)
            target = _target_state(protocollo, today)
            if target and target != protocollo.stato:
                protocollo_apply_transition(
                    protocollo=protocollo, to=target, actor=system_actor(), roles={workflows.SISTEMA}
                )
                moved += 1
    return moved


def _target_state(protocollo, today):
    if protocollo.stato not in workflows.PROTOCOLLO_SEGUITO:
        return None
    if protocollo.data_fine < today:
        return P.SCADUTO
    if protocollo.stato == P.FIRMATO:
        return P.ATTIVO if protocollo.data_inizio <= today else None
    if (protocollo.data_fine - today).days <= 60:
        return P.IN_SCADENZA
    return None


def _record(**fields) -> bool:
    """Write the reminder's row; False when another run already wrote it today."""
    try:
        with transaction.atomic():
            Promemoria.objects.create(**fields)
    except IntegrityError:
        return False
    return True


def _people(protocollo, parti):
    people = {person.pk: person for person in permissions.staff_recipients()}
    for parte in parti:
        if parte.ente_id:
            people.update({person.pk: person for person in permissions.ente_referenti(parte.ente)})
    return people.values()


def promemoria_send(*, today: datetime.date | None = None) -> int:
    """Send the reminders due today; return how many reminders (not e-mails) were sent."""
    today = today or timezone.localdate()
    sent = 0
    signed = ProtocolloIntesa.objects.filter(stato__in=workflows.PROTOCOLLO_SEGUITO).prefetch_related("parti__ente")
    for protocollo in signed:
        giorni = (protocollo.data_fine - today).days
        for soglia, tipo in SOGLIE:
            if 0 <= giorni <= soglia:
                with transaction.atomic():
                    already = protocollo.promemoria.filter(tipo=tipo, impegno__isnull=True).exists()
                    if not already and _record(protocollo=protocollo, tipo=tipo, data=today):
                        notify(
                            destinatari=_people(protocollo, protocollo.parti.all()),
                            tipo=Notifica.COPROGRAMMAZIONE,
                            oggetto=_("Il protocollo «%(oggetto)s» scade tra %(giorni)s giorni")
                            % {"oggetto": protocollo.oggetto, "giorni": giorni},
                            testo=_(
                                "Il protocollo d'intesa «%(oggetto)s» scade %(data)s. "
                                "Valutate per tempo il rinnovo o la conclusione."
                            )
                            % {"oggetto": protocollo.oggetto, "data": deadline(protocollo.data_fine)},
                            link=protocollo.get_absolute_url(),
                        )
                        sent += 1
                break  # only the nearest threshold reached
    impegni = (
        Impegno.objects.filter(protocollo__stato__in=workflows.PROTOCOLLO_SEGUITO, stato__in=Impegno.APERTI)
        .filter(scadenza__lte=today + datetime.timedelta(days=GIORNI_PREAVVISO_IMPEGNO))
        .select_related("protocollo", "parte__ente")
    )
    for impegno in impegni:
        tipo = T.IMPEGNO_SCADUTO if impegno.scadenza < today else T.IMPEGNO_IN_SCADENZA
        with transaction.atomic():
            if impegno.promemoria.filter(tipo=tipo).exists():
                continue
            if not _record(protocollo=impegno.protocollo, impegno=impegno, tipo=tipo, data=today):
                continue
            values = {
                "parte": impegno.parte.denominazione,
                "impegno": impegno.testo[:120],
                "data": deadline(impegno.scadenza),
                "oggetto": impegno.protocollo.oggetto,
            }
            if tipo == T.IMPEGNO_SCADUTO:
                oggetto = _("Impegno scaduto: %(parte)s") % values
                testo = _("L'impegno «%(impegno)s» di %(parte)s nel protocollo «%(oggetto)s» è scaduto %(data)s.")
            else:
                oggetto = _("Impegno in scadenza: %(parte)s") % values
                testo = _(
                    "L'impegno «%(impegno)s» di %(parte)s nel protocollo «%(oggetto)s» va completato entro %(data)s."
                )
            notify(
                destinatari=_people(impegno.protocollo, [impegno.parte]),
                tipo=Notifica.COPROGRAMMAZIONE,
                oggetto=oggetto,
                testo=testo % values,
                link=impegno.protocollo.get_absolute_url(),
            )
            sent += 1
    return sent
