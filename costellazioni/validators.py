"""Validators for Italian identifiers, with messages in Italian."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.it import codicefiscale, iva

from costellazioni.programma import INIZIO_PROGRAMMA, TOLLERANZA_OROLOGIO


def normalize_codice_fiscale(value: str) -> str:
    return codicefiscale.compact(value or "")


def validate_codice_fiscale_persona(value: str) -> None:
    """A person's 16-character codice fiscale, check character included."""
    compact = normalize_codice_fiscale(value)
    if len(compact) != 16 or not codicefiscale.is_valid(compact):
        raise ValidationError(
            _("Il codice fiscale non è valido: controlla i 16 caratteri, l'ultimo è un carattere di controllo."),
            code="invalid_codice_fiscale",
        )


def validate_codice_fiscale_ente(value: str) -> None:
    """An organisation's codice fiscale: 11 digits (with check digit) or, for some, a person's 16 characters."""
    compact = normalize_codice_fiscale(value)
    if not codicefiscale.is_valid(compact):
        raise ValidationError(
            _("Il codice fiscale non è valido: 11 cifre per gli enti (l'ultima è di controllo) o 16 caratteri."),
            code="invalid_codice_fiscale",
        )


def validate_partita_iva(value: str) -> None:
    if not iva.is_valid(iva.compact(value or "")):
        raise ValidationError(
            _("La partita IVA non è valida: servono 11 cifre e l'ultima è di controllo."),
            code="invalid_partita_iva",
        )


def validate_nel_periodo_del_programma(value) -> None:
    """A date or date-time of something that already happened within the programme: from its start to now."""
    if value is None:
        return
    if isinstance(value, datetime):
        giorno = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        nel_futuro = value > (timezone.now() if timezone.is_aware(value) else datetime.now()) + TOLLERANZA_OROLOGIO
    else:
        giorno = value
        nel_futuro = value > timezone.localdate()
    if giorno < INIZIO_PROGRAMMA:
        raise ValidationError(
            _("La data è precedente all'inizio del programma (%(inizio)s): controlla l'anno."),
            code="prima_del_programma",
            params={"inizio": INIZIO_PROGRAMMA.strftime("%d/%m/%Y")},
        )
    if nel_futuro:
        raise ValidationError(
            _("La data è nel futuro: registra le attività solo dopo averle svolte."),
            code="nel_futuro",
        )
