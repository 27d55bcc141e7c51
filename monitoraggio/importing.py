"""Bulk import of manual measurements and of funded projects' progress, from CSV or XLSX.

Every row is validated first; if any row is wrong nothing is imported and the report lists each rejected
row with its reasons. The check and the writes run in a Celery task.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contributi.models import Concessione
from costellazioni.models import Quartiere
from costellazioni.services.audit import audit_record
from costellazioni.services.workflow import workflow_transition
from costellazioni.spreadsheets import xlsx_values
from monitoraggio import permissions, uploads, workflows
from monitoraggio.events import Evento
from monitoraggio.models import Importazione, Indicatore, Misurazione, Tappa, disaggregation_key

MAX_ROWS = 5000
COLUMNS = {
    Importazione.Tipo.MISURAZIONI: [
        "indicatore",
        "periodo_inizio",
        "periodo_fine",
        "valore",
        "quartiere",
        "genere",
        "fascia_eta",
        "cup",
        "nota",
    ],
    Importazione.Tipo.AVANZAMENTO: ["cup", "tappa", "scadenza", "raggiunta_il", "nota"],
}
REQUIRED = {
    Importazione.Tipo.MISURAZIONI: ["indicatore", "periodo_inizio", "periodo_fine", "valore"],
    Importazione.Tipo.AVANZAMENTO: ["cup", "tappa", "scadenza"],
}
GENERI = {"donne", "uomini", "non_binari"}
FASCE = {"minori", "giovani", "adulti", "anziani"}


@transaction.atomic
def importazione_create(*, file, tipo: str, actor) -> Importazione:
    decision = permissions.can_import(actor)
    if not decision:
        raise PermissionDenied(decision.reason)
    formato = uploads.check_import(file)
    importazione = Importazione(tipo=tipo, file=file, formato=formato, caricata_da=actor)
    importazione.full_clean()
    importazione.save()
    audit_record(obj=importazione, evento=Evento.FILE_CARICATO, autore=actor, stato_a=importazione.stato)
    from monitoraggio.tasks import import_measurements

    transaction.on_commit(lambda pk=importazione.pk: import_measurements.delay(pk))
    return importazione


def read_rows(importazione: Importazione) -> list[dict]:
    with importazione.file.open("rb") as handle:
        content = handle.read()
    if importazione.formato == "xlsx":
        values = xlsx_values(content)
    else:
        text = content.decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
        values = list(csv.reader(io.StringIO(text), dialect))
    if not values:
        return []
    header = [str(name).strip().lower() for name in values[0]]
    return [dict(zip(header, row, strict=False)) for row in values[1:] if any(str(cell).strip() for cell in row)]


def _date(value, field: str, errors: list) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    errors.append(
        _("%(campo)s: «%(valore)s» non è una data (AAAA-MM-GG o GG/MM/AAAA).") % {"campo": field, "valore": text}
    )
    return None


def _text(row, key) -> str:
    value = row.get(key, "")
    return "" if value is None else str(value).strip()


class Lookups:
    """Everything the rows refer to, read once."""

    def __init__(self):
        self.indicatori = {i.codice: i for i in Indicatore.objects.all()}
        self.quartieri = {q.slug: q for q in Quartiere.objects.all()}
        self.quartieri_by_name = {q.nome.lower(): q for q in self.quartieri.values()}
        self.progetti = {c.cup: c for c in Concessione.objects.exclude(cup="")}


def check_measurement(row: dict, lookups: Lookups, seen: set) -> tuple[list[str], Misurazione | None]:
    errors: list[str] = []
    indicatore = lookups.indicatori.get(_text(row, "indicatore").upper())
    if indicatore is None:
        errors.append(_("indicatore: codice «%(codice)s» sconosciuto.") % {"codice": _text(row, "indicatore")})
    elif indicatore.fonte == Indicatore.Fonte.AUTOMATICA:
        errors.append(_("indicatore: %(codice)s è calcolato automaticamente.") % {"codice": indicatore.codice})
    start = _date(row.get("periodo_inizio", ""), "periodo_inizio", errors)
    end = _date(row.get("periodo_fine", ""), "periodo_fine", errors)
    if start and end and end < start:
        errors.append(_("periodo_fine: precede periodo_inizio."))
    try:
        valore = Decimal(_text(row, "valore").replace(",", "."))
        if valore < 0 or not valore.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        valore = None
        errors.append(_("valore: «%(valore)s» non è un numero positivo.") % {"valore": _text(row, "valore")})
    disaggregazione = {}
    if quartiere := _text(row, "quartiere"):
        found = lookups.quartieri.get(quartiere) or lookups.quartieri_by_name.get(quartiere.lower())
        if found is None:
            errors.append(_("quartiere: «%(nome)s» sconosciuto.") % {"nome": quartiere})
        else:
            disaggregazione["quartiere"] = found.slug
    if genere := _text(row, "genere").lower():
        if genere not in GENERI:
            errors.append(_("genere: usa donne, uomini o non_binari."))
        disaggregazione["genere"] = genere
    if fascia := _text(row, "fascia_eta").lower():
        if fascia not in FASCE:
            errors.append(_("fascia_eta: usa minori, giovani, adulti o anziani."))
        disaggregazione["fascia_eta"] = fascia
    if indicatore and set(disaggregazione) - set(indicatore.disaggregazioni):
        errors.append(_("L'indicatore %(codice)s non prevede questa disaggregazione.") % {"codice": indicatore.codice})
    progetto = None
    if cup := _text(row, "cup"):
        progetto = lookups.progetti.get(cup)
        if progetto is None:
            errors.append(_("cup: nessun progetto finanziato con il CUP «%(cup)s».") % {"cup": cup})
    if errors:
        return errors, None
    key = (indicatore.pk, start, end, disaggregation_key(disaggregazione))
    if key in seen:
        return [_("Riga ripetuta: stesso indicatore, periodo e disaggregazione di una riga precedente.")], None
    seen.add(key)
    misurazione = Misurazione(
        indicatore=indicatore,
        periodo_inizio=start,
        periodo_fine=end,
        valore=valore,
        disaggregazione=disaggregazione,
        origine=Misurazione.Origine.IMPORTATA,
        stato=Misurazione.Stato.DA_VALIDARE,
        progetto=progetto,
        nota=_text(row, "nota")[:2000],
    )
    return [], misurazione


def check_progress(row: dict, lookups: Lookups) -> tuple[list[str], Tappa | None]:
    errors: list[str] = []
    progetto = lookups.progetti.get(_text(row, "cup"))
    if progetto is None:
        errors.append(_("cup: nessun progetto finanziato con il CUP «%(cup)s».") % {"cup": _text(row, "cup")})
    titolo = _text(row, "tappa")[:200]
    if not titolo:
        errors.append(_("tappa: manca il nome della tappa."))
    scadenza = _date(row.get("scadenza", ""), "scadenza", errors)
    raggiunta = _date(row["raggiunta_il"], "raggiunta_il", errors) if _text(row, "raggiunta_il") else None
    if errors:
        return errors, None
    return [], Tappa(
        progetto=progetto, titolo=titolo, scadenza=scadenza, raggiunta_il=raggiunta, nota=_text(row, "nota")[:300]
    )


def importazione_run(*, importazione_id: int) -> Importazione:
    with transaction.atomic():
        importazione = Importazione.objects.select_for_update().get(pk=importazione_id)
        if importazione.stato != Importazione.Stato.IN_CODA:
            return importazione  # a redelivered task
        _system_move(importazione, Importazione.Stato.IN_CORSO)
        importazione.save(update_fields=["stato"])
    rejected: list[dict] = []
    objects = []
    try:
        rows = read_rows(importazione)
    except (ValueError, KeyError, csv.Error, OSError) as error:
        rows = []
        rejected.append({"riga": 1, "motivi": [_("Il file non si legge: %(errore)s") % {"errore": error}]})
    missing = [name for name in REQUIRED[importazione.tipo] if rows and name not in rows[0]]
    if missing:
        rejected.append(
            {"riga": 1, "motivi": [_("Mancano le colonne: %(colonne)s.") % {"colonne": ", ".join(missing)}]}
        )
        rows = []
    if len(rows) > MAX_ROWS:
        rejected.append(
            {"riga": 1, "motivi": [_("Il file ha più di %(n)s righe: dividilo in più file.") % {"n": MAX_ROWS}]}
        )
        rows = []
    lookups, seen = Lookups(), set()
    for number, row in enumerate(rows, start=2):
        if importazione.tipo == Importazione.Tipo.MISURAZIONI:
            errors, obj = check_measurement(row, lookups, seen)
        else:
            errors, obj = check_progress(row, lookups)
        if errors:
            rejected.append({"riga": number, "motivi": errors})
        else:
            objects.append(obj)
    imported = 0
    if not rejected and objects:
        try:
            with transaction.atomic():
                for obj in objects:
                    if isinstance(obj, Misurazione):
                        obj.inserita_da = importazione.caricata_da
                    obj.full_clean(validate_constraints=False)
                    obj.save()
                imported = len(objects)
        except (IntegrityError, ValidationError) as error:
            rejected.append({"riga": 0, "motivi": [_("Nessuna riga importata: %(errore)s") % {"errore": error}]})
    if not rows and not rejected:
        rejected.append({"riga": 1, "motivi": [_("Il file non contiene righe di dati.")]})
    importazione.righe_lette = len(rows)
    importazione.righe_importate = imported
    importazione.righe_respinte = rejected
    importazione.conclusa_il = timezone.now()
    with transaction.atomic():
        _system_move(
            importazione,
            Importazione.Stato.IMPORTATA if imported and not rejected else Importazione.Stato.RESPINTA,
        )
        importazione.save(update_fields=["righe_lette", "righe_importate", "righe_respinte", "stato", "conclusa_il"])
    return importazione


def _system_move(importazione: Importazione, to: str) -> None:
    workflow_transition(
        obj=importazione,
        field="stato",
        table=workflows.IMPORTAZIONE,
        to=to,
        actor=AnonymousUser(),
        roles={workflows.SISTEMA},
    )
