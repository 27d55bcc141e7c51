import pytest

from costellazioni.models import Quartiere
from ricerca.models import Bisogno
from tests.ricerca.factories import categoria_bisogno

pytestmark = pytest.mark.django_db


def test_open_needs_in_quartieri():
    quartiere, altro = Quartiere.objects.order_by("pk")[:2]
    aperto = Bisogno.objects.create(categoria_id="casa", descrizione="Umidità", quartiere=quartiere)
    Bisogno.objects.create(categoria_id="casa", descrizione="Risolto", quartiere=quartiere, stato=Bisogno.Stato.RISOLTO)
    Bisogno.objects.create(categoria_id="casa", descrizione="Altrove", quartiere=altro)
    assert list(Bisogno.objects.aperti().in_quartieri([quartiere])) == [aperto]


def test_str_names_the_category():
    assert str(Bisogno(categoria=categoria_bisogno("solitudine"), descrizione="Signora sola")).startswith("Solitudine")
