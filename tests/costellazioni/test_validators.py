import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from costellazioni.validators import validate_codice_fiscale_ente, validate_codice_fiscale_persona, validate_partita_iva


class TestCodiceFiscalePersona:
    def test_valid(self):
        validate_codice_fiscale_persona("RSSMRA85T10A562S")

    def test_lowercase_and_spaces_are_normalised(self):
        validate_codice_fiscale_persona("rssmra 85t10 a562s")

    def test_wrong_check_character_is_refused_in_italian(self):
        with pytest.raises(ValidationError, match="carattere di controllo"):
            validate_codice_fiscale_persona("RSSMRA85T10A562T")

    def test_an_organisation_number_is_not_a_person(self):
        with pytest.raises(ValidationError, match="controlla i 16 caratteri"):
            validate_codice_fiscale_persona("00339370272")


class TestCodiceFiscaleEnte:
    def test_comune_di_venezia(self):
        validate_codice_fiscale_ente("00339370272")

    def test_wrong_check_digit(self):
        with pytest.raises(ValidationError, match="cifra|caratteri"):
            validate_codice_fiscale_ente("00339370273")

    @given(serial=st.integers(min_value=1, max_value=9_999_999), office=st.integers(min_value=1, max_value=100))
    def test_any_number_with_its_luhn_check_digit_is_valid(self, serial, office):
        body = f"{serial:07d}{office:03d}"
        validate_codice_fiscale_ente(body + luhn.calc_check_digit(body))

    @given(serial=st.integers(min_value=1, max_value=9_999_999), office=st.integers(min_value=1, max_value=100))
    def test_any_other_check_digit_is_refused(self, serial, office):
        body = f"{serial:07d}{office:03d}"
        wrong = str((int(luhn.calc_check_digit(body)) + 1) % 10)
        with pytest.raises(ValidationError, match="11 cifre per gli enti"):
            validate_codice_fiscale_ente(body + wrong)


class TestPartitaIva:
    def test_valid(self):
        validate_partita_iva("00339370272")

    @pytest.mark.parametrize("value", ["00339370271", "123", "ABCDEFGHILM", "00000000000"])
    def test_invalid(self, value):
        with pytest.raises(ValidationError, match="partita IVA"):
            validate_partita_iva(value)
