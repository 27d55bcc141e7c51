"""Validators for Italian identifiers, with messages in Italian."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.it import codicefiscale, iva


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
