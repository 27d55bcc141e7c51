"""Issue 10, item 8: one rule for the public name; a hidden beneficiary's name appears in no public output."""

import io
import json
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader
from stdnum.it import codicefiscale

from contributi import services
from costellazioni.public_names import public_name, public_tax_code
from tests.contributi.factories import board, closed_bando, evaluated, referente
from tests.contributi.factories_erogazioni import ConcessioneFactory
from tests.costellazioni.factories import EnteFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_rule():
    ente = EnteFactory(denominazione="Cooperativa Sociale Barena", codice_fiscale="94012340271")
    assert public_name(ente) == "Cooperativa Sociale Barena"
    assert public_tax_code(ente) == "94012340271"
    assert public_name(ente, hidden=True, code="CC-000007") == "CC-000007"
    assert public_tax_code(ente, hidden=True) == ""
    person = UserFactory(first_name="Elena", last_name="Zanetti")
    assert public_name(person) == "Elena Z."
    assert public_tax_code(person) == ""
    with pytest.raises(TypeError, match="No public name rule for str"):
        public_name("Elena Zanetti")


@pytest.fixture
def hidden_beneficiary(staff_user):
    """A published ranking whose first place was awarded with the beneficiary's name hidden."""
    bando = closed_bando()
    (membro,) = board(bando, size=1)
    _user, ente = referente(EnteFactory(denominazione="Associazione Casa di Eleonora", codice_fiscale="94099990271"))
    c = evaluated(bando, staff=staff_user, membri=[membro], points=[[31, 47]], ente=ente, titolo="Sostegno a domicilio")
    graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
    graduatoria = services.graduatoria_approve(
        graduatoria=graduatoria, actor=staff_user, determina_numero="DD 88", determina_data=date(2026, 11, 20)
    )
    services.graduatoria_publish(graduatoria=graduatoria, actor=staff_user)
    concessione = ConcessioneFactory(candidatura=c, published=True, oscura_beneficiario=True)
    return bando, graduatoria, concessione, ente


def test_a_hidden_beneficiary_is_named_nowhere_in_public(client, hidden_beneficiary):
    bando, graduatoria, concessione, ente = hidden_beneficiary
    trasparenza = reverse("trasparenza_contributi:lista")
    outputs = {
        "ranking": client.get(f"/bandi/{bando.slug}/graduatoria/").content.decode(),
        "transparency": client.get(trasparenza).content.decode(),
        "transparency detail": client.get(f"{trasparenza}{concessione.pk}/").content.decode(),
        "transparency CSV": client.get(reverse("trasparenza_contributi:csv")).content.decode(),
        "transparency JSON": json.dumps(client.get(reverse("trasparenza_contributi:json")).json(), ensure_ascii=False),
        "home": client.get("/").content.decode(),
        "search by name": client.get("/cerca/", {"q": "Eleonora"}).content.decode(),
        "search by project": client.get("/cerca/", {"q": "domicilio"}).content.decode(),
    }
    pdf = client.get(f"/bandi/{bando.slug}/graduatoria/pdf/")
    outputs["ranking PDF"] = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for where in ("ranking", "ranking PDF", "transparency", "transparency CSV", "transparency JSON"):
        assert concessione.pseudonimo in outputs[where], where
    for where, text in outputs.items():
        assert ente.denominazione not in text, where
        assert ente.codice_fiscale not in text, where


def test_a_visible_beneficiary_is_named(client, hidden_beneficiary):
    bando, _graduatoria, concessione, ente = hidden_beneficiary
    concessione.oscura_beneficiario = False
    concessione.save()
    assert ente.denominazione in client.get(f"/bandi/{bando.slug}/graduatoria/").content.decode()


PERSON_CF = "RSSMRA80A01L736" + codicefiscale.calc_check_digit("RSSMRA80A01L736")


def test_an_ente_that_is_a_person_stays_unnamed_until_the_award_decides():
    """A sole trader or informal group under a person's codice fiscale is a natural person (art. 26 c. 4)."""
    ditta = EnteFactory(denominazione="Mario Rossi", tipo="impresa", codice_fiscale=PERSON_CF)
    assert public_name(ditta) == "Nominativo riservato"
    assert public_name(ditta, hidden=True, code="CC-000009") == "CC-000009"
    assert public_name(ditta, hidden=False, code="CC-000009") == "Mario Rossi"


def test_a_person_in_the_ranking_is_named_only_once_the_award_allows_it(client, staff_user):
    bando = closed_bando()
    (membro,) = board(bando, size=1)
    _user, ditta = referente(
        EnteFactory(denominazione="Mario Rossi", tipo="impresa", codice_fiscale=PERSON_CF, verified=True)
    )
    c = evaluated(bando, staff=staff_user, membri=[membro], points=[[31, 47]], ente=ditta, titolo="Doposcuola")
    graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
    graduatoria = services.graduatoria_approve(
        graduatoria=graduatoria, actor=staff_user, determina_numero="DD 89", determina_data=date(2026, 11, 21)
    )
    services.graduatoria_publish(graduatoria=graduatoria, actor=staff_user)

    def ranking():
        pdf = client.get(f"/bandi/{bando.slug}/graduatoria/pdf/")
        pages = PdfReader(io.BytesIO(pdf.content)).pages
        return client.get(f"/bandi/{bando.slug}/graduatoria/").content.decode(), "\n".join(
            page.extract_text() for page in pages
        )

    for where, text in zip(("ranking", "ranking PDF"), ranking(), strict=True):
        assert "Mario Rossi" not in text, where
        assert "Nominativo riservato" in text, where
        assert c.numero_protocollo in text, where
    concessione = ConcessioneFactory(candidatura=c, published=True, oscura_beneficiario=True)
    for where, text in zip(("ranking", "ranking PDF"), ranking(), strict=True):
        assert "Mario Rossi" not in text, where
        assert concessione.pseudonimo in text, where
    concessione.oscura_beneficiario = False
    concessione.save()
    assert all("Mario Rossi" in text for text in ranking())
    register = client.get(reverse("trasparenza_contributi:csv")).content.decode()
    assert "Mario Rossi" in register
