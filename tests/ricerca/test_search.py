import pytest

from costellazioni import search
from ricerca import services
from ricerca.models import TeoriaCambiamento
from tests.costellazioni.factories import StaffFactory
from tests.ricerca.factories import ElementoFactory, QuestionarioFactory

pytestmark = pytest.mark.django_db


def test_open_surveys_and_public_theories_are_found_in_italian():
    QuestionarioFactory(titolo="Come si vive a Marghera", descrizione="Domande sulla solitudine degli anziani")
    QuestionarioFactory(titolo="Bozza sugli anziani", pubblicato=False)
    elemento = ElementoFactory(titolo="Isolamento degli anziani nelle isole")
    services.teoria_transition(
        teoria=elemento.teoria, to=TeoriaCambiamento.Stato.IN_CONSULTAZIONE, actor=StaffFactory()
    )
    risultati = search.search("anziani")
    titoli = [r.title for r in risultati if r.section in ("Questionari aperti", "Teoria del cambiamento")]
    assert "Come si vive a Marghera" in titoli and elemento.teoria.titolo in titoli
    assert "Bozza sugli anziani" not in titoli
