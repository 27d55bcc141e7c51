"""Checks shared by the open dataset tests: the files parse, and no person's contacts or tax code leak into them."""

import csv
import io
import re

from costellazioni.models import User
from tests.costellazioni.factories import UserFactory

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
CODICE_FISCALE_PERSONA = re.compile(r"\b[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]\b", re.IGNORECASE)
# Timestamps ("08:02:04.256163+00:00") have digit runs shaped like a phone number: they are removed first.
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
TELEFONO = re.compile(r"(?<![\w.])(?:\+39\s?)?[03]\d{1,3}(?:[\s.-]?\d{2,4}){2,3}(?![\w.])")

PERSONA = {"email": "giulia.ferro@example.it", "telefono": "347 123 4567", "codice_fiscale": "FRRGLI85T50L736Z"}


def persona() -> User:
    """A person with an e-mail, a telephone and a tax code, the three things no open dataset may show."""
    user = UserFactory(email=PERSONA["email"], telefono=PERSONA["telefono"])
    User.objects.filter(pk=user.pk).update(codice_fiscale=PERSONA["codice_fiscale"])
    return user


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def read_json(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == len(data["results"])
    return data["results"]


def assert_nothing_personal(*responses, extra=()) -> None:
    """No e-mail address, telephone number or personal tax code anywhere in the files, nor the ``extra`` strings."""
    for response in responses:
        text = TIMESTAMP.sub("", response.content.decode("utf-8"))
        assert not EMAIL.search(text), EMAIL.search(text).group(0)
        assert not CODICE_FISCALE_PERSONA.search(text), CODICE_FISCALE_PERSONA.search(text).group(0)
        assert not TELEFONO.search(text), TELEFONO.search(text).group(0)
        for secret in [*PERSONA.values(), *extra]:
            assert secret not in text, secret
