import pytest

from costellazioni.models import Quartiere
from ricerca.models import Bisogno

pytestmark = pytest.mark.django_db


def test_open_needs_in_quartieri():
    quartiere, altro = Quartiere.objects.order_by("pk")[:2]
    aperto = Bisogno.objects.create(categoria="casa", descrizione="Umidità", quartiere=quartiere)
    Bisogno.objects.create(categoria="casa", descrizione="Risolto", quartiere=quartiere, stato=Bisogno.Stato.RISOLTO)
    Bisogno.objects.create(categoria="casa", descrizione="Altrove", quartiere=altro)
    assert list(Bisogno.objects.aperti().in_quartieri([quartiere])) == [aperto]


def test_str_names_the_category():
    assert str(Bisogno(categoria="solitudine", descrizione="Signora sola")).startswith("Solitudine")
