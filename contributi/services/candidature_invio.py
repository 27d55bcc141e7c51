"""Submitting and withdrawing an application: checks first, the protocol number last, through the workflow door.

The submission runs in this order, so the protocol register's row stays locked for as few statements as
possible (three: the register's counter, the ``Protocollo`` row, the application's ``UPDATE``; pinned by
``tests/contributi/test_invio.py``):

1. fetch and lock the application and its ente in one statement, with everything the checks and the snapshot
   read in one prefetch (``CandidaturaQuerySet.for_submission``);
2. check who acts, the deadline and the call's rules, and validate the fields (no database-backed check that a
   constraint enforces: a violated constraint comes back as the same Italian message);
3. move the state through the workflow door (audit row) and record the receipt in the outbox;
4. take the protocol number and write it with the snapshot's digest; the register's row stays locked until
   the commit, so numbers stay gapless and unique.
"""

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contributi import permissions, workflows
from contributi.models import Candidatura
from contributi.services.controlli import submission_errors
from contributi.services.ricevute import ricevuta_enqueue
from costellazioni.constraints import integrity_error_as_validation_error
from costellazioni.protocollo import protocollo_register
from costellazioni.services.workflow import workflow_transition

# Foreign keys the database checks on the UPDATE itself: ``full_clean`` would query each one.
FOREIGN_KEYS = ("bando", "ente", "creata_da", "presentata_da", "protocollo")
# What the submission writes once the protocol number is known.
SUBMITTED_FIELDS = (
    "stato",
    "passi_completati",
    "dichiarazione_veridicita",
    "dichiarazione_privacy",
    "presentata_il",
    "presentata_da",
    "protocollo",
    "numero_protocollo",
    "snapshot",
    "snapshot_sha256",
    "aggiornata_il",
)


def _require(decision):
    if not decision:
        raise PermissionDenied(decision.reason)


def candidatura_snapshot(candidatura: Candidatura) -> dict:
    """What was submitted, as plain JSON: the record the receipt's digest certifies.

    Reads only ``.all()`` of its relations, so ``Candidatura.objects.for_submission()`` serves it from one prefetch.
    """
    return {
        "bando": {"id": candidatura.bando_id, "titolo": candidatura.bando.titolo, "cup": candidatura.bando.cup},
        "ente": {"id": candidatura.ente_id, "tipo": candidatura.ente.tipo, **candidatura.dati_ente},
        "titolo": candidatura.titolo,
        "progetto": candidatura.progetto,
        "quartieri": sorted(q.nome for q in candidatura.quartieri.all()),
        "partner": [
            {"denominazione": p.denominazione, "codice_fiscale": p.codice_fiscale, "ruolo": p.ruolo}
            for p in candidatura.partner.all()
        ],
        "budget": {
            "voci": [
                {"categoria": v.categoria, "descrizione": v.descrizione, "importo": str(v.importo)}
                for v in candidatura.voci_budget.all()
            ],
            "importo_richiesto": str(candidatura.importo_richiesto),
            "cofinanziamento": str(candidatura.cofinanziamento),
        },
        "impatto": candidatura.impatto,
        "allegati": [
            {
                "documento": a.richiesto.nome if a.richiesto else "",
                "nome": a.nome_originale,
                "sha256": a.sha256,
                "dimensione": a.dimensione,
            }
            for a in candidatura.allegati.all()
        ],
        "dichiarazioni": {
            "veridicita": candidatura.dichiarazione_veridicita,
            "privacy": candidatura.dichiarazione_privacy,
        },
    }


def snapshot_digest(snapshot: dict) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _lock_for_submission(candidatura: Candidatura, bando_slug: str | None) -> Candidatura:
    """The application and its ente, locked in one statement (the ente's lock serialises its submissions to the
    call, which may accept one per ente), with what the checks and the snapshot read."""
    candidature = Candidatura.objects.for_submission().select_for_update(of=("self", "ente"))
    if bando_slug is not None:
        candidature = candidature.filter(bando__slug=bando_slug)
    return candidature.get(pk=candidatura.pk)


@transaction.atomic
def candidatura_submit(
    *, candidatura: Candidatura, actor, veridicita: bool, privacy: bool, now=None, bando_slug: str | None = None
) -> Candidatura:
    """Submit a draft while the call is open: checks, snapshot, protocol number, receipt after commit.

    Everything that can refuse runs before the protocol number is taken, so a refused submission never
    consumes one and the register's row is locked only for the writes that carry the number. With
    ``bando_slug`` (the call named by the URL), an application of another call raises ``Candidatura.DoesNotExist``.
    """
    now = now or timezone.now()
    candidatura = _lock_for_submission(candidatura, bando_slug)
    _require(permissions.can_edit(actor, candidatura, now=now))
    candidatura.dichiarazione_veridicita = veridicita
    candidatura.dichiarazione_privacy = privacy
    errors = submission_errors(candidatura)
    if errors:
        raise ValidationError(errors, code="not_submittable")
    snapshot = candidatura_snapshot(candidatura)
    workflow_transition(
        obj=candidatura,
        field="stato",
        table=workflows.CANDIDATURA,
        to=Candidatura.Stato.PRESENTATA,
        actor=actor,
        roles={workflows.REFERENTE},  # established by can_edit above
    )
    candidatura.presentata_il = now
    candidatura.presentata_da = actor
    if Candidatura.Passo.INVIO not in candidatura.passi_completati:
        candidatura.passi_completati = [*candidatura.passi_completati, Candidatura.Passo.INVIO]
    candidatura.full_clean(exclude=FOREIGN_KEYS, validate_unique=False, validate_constraints=False)
    # The receipt is recorded in the outbox with the submission: it is sent even if the queue is down now.
    ricevuta_enqueue(candidatura=candidatura)
    oggetto = _("Candidatura al bando «%(bando)s» di %(ente)s") % {
        "bando": candidatura.bando.titolo,
        "ente": candidatura.ente,
    }

    # From here to the commit the register's row is locked: only the writes that carry the number.
    registrazione = protocollo_register(
        oggetto=oggetto, riferimento=f"contributi.candidatura:{candidatura.pk}", when=now
    )
    snapshot["protocollo"] = registrazione.segnatura
    snapshot["presentata_il"] = now.isoformat()
    candidatura.protocollo_id = registrazione.protocollo_id
    candidatura.numero_protocollo = registrazione.segnatura
    candidatura.snapshot = snapshot
    candidatura.snapshot_sha256 = snapshot_digest(snapshot)
    try:
        candidatura.save(update_fields=SUBMITTED_FIELDS)
    except IntegrityError as error:
        # A constraint the database enforces (say, a number an external protocollo gave twice): the message
        # full_clean would have given; the transaction rolls back and the number goes back to the register.
        raise integrity_error_as_validation_error(candidatura, error) from error
    return candidatura


@transaction.atomic
def candidatura_withdraw(*, candidatura: Candidatura, actor, note: str = "", now=None) -> Candidatura:
    """Withdraw a submitted application while the call is open, through the workflow door."""
    candidatura = (
        Candidatura.objects.select_for_update(of=("self",)).select_related("bando", "ente").get(pk=candidatura.pk)
    )
    _require(permissions.can_withdraw(actor, candidatura, now=now))
    workflow_transition(
        obj=candidatura,
        field="stato",
        table=workflows.CANDIDATURA,
        to=Candidatura.Stato.RITIRATA,
        actor=actor,
        note=note,
        roles={workflows.REFERENTE},  # established by can_withdraw above
    )
    candidatura.ritirata_il = now or timezone.now()
    candidatura.full_clean(exclude=FOREIGN_KEYS, validate_unique=False, validate_constraints=False)
    try:
        candidatura.save(update_fields=["stato", "ritirata_il", "aggiornata_il"])
    except IntegrityError as error:
        raise integrity_error_as_validation_error(candidatura, error) from error
    return candidatura
