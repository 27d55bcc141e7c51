"""An indicator points to the theory of change and to a body's expected result; an evaluation activity to the
research questionnaire whose results it summarises."""

from datetime import date

import pytest
from django.utils import timezone

from governance.models import Decisione, RisultatoAtteso
from monitoraggio.models import Rilevazione
from ricerca.models import Compilazione, Domanda, Risposta
from tests.costellazioni.factories import StaffFactory
from tests.governance.factories import PuntoFactory
from tests.monitoraggio.factories import MisurazioneFactory, catalogue
from tests.ricerca.factories import DomandaFactory, ElementoFactory, QuestionarioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def linked_indicator():
    indicatore = catalogue("CC-02")
    indicatore.elemento_toc = ElementoFactory(tipo="outcome_breve", titolo="Meno persone sole in casa")
    indicatore.risultato_atteso = RisultatoAtteso.objects.create(
        decisione=Decisione.objects.create(punto=PuntoFactory(), testo="Rafforzare le antenne di Marghera"),
        descrizione="Bisogni di solitudine presi in carico a Marghera",
        target="120 persone",
    )
    indicatore.save()
    MisurazioneFactory(indicatore=indicatore)
    return indicatore


def test_the_public_dashboard_and_the_staff_page_show_what_an_indicator_measures(client, staff_client):
    linked_indicator()
    for page in (client.get("/monitoraggio/"), staff_client.get("/monitoraggio/staff/")):
        html = page.content.decode()
        assert "Teoria del cambiamento: Outcome di breve periodo — Meno persone sole in casa" in html
        assert "Risultato atteso: Bisogni di solitudine presi in carico a Marghera (target 120 persone)" in html


def test_the_public_dashboard_reads_the_links_without_a_query_per_indicator(client, django_assert_max_num_queries):
    linked_indicator()
    client.get("/monitoraggio/")  # warm the caches of the layout
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(20):
        assert client.get("/monitoraggio/").status_code == 200


def test_an_evaluation_activity_shows_its_questionnaire_results(staff_client):
    questionario = QuestionarioFactory(titolo="Soddisfazione dei partecipanti agli HUB", scopo="valutazione")
    voto = DomandaFactory(questionario=questionario, tipo=Domanda.Tipo.SCALA_5, testo="Quanto sei soddisfatto?")
    zona = DomandaFactory(questionario=questionario, tipo="singola", opzioni="Mestre\nLido", testo="Dove vivi?")
    for valore, luogo in [(5, "Mestre"), (4, "Mestre"), (2, "Lido")]:
        compilazione = Compilazione.objects.create(questionario=questionario, inviata_il=timezone.now())
        Risposta.objects.create(compilazione=compilazione, domanda=voto, valore=valore)
        Risposta.objects.create(compilazione=compilazione, domanda=zona, valore=luogo)
    Compilazione.objects.create(questionario=questionario)  # a draft is not counted
    rilevazione = Rilevazione.objects.create(
        tipo="questionario",
        titolo="Soddisfazione 2026",
        svolta_il=date(2026, 11, 30),
        partecipanti=3,
        soddisfatti=2,
        sintesi="Due persone su tre soddisfatte.",
        questionario=questionario,
    )
    html = staff_client.get(f"/admin/monitoraggio/rilevazione/{rilevazione.pk}/change/").content.decode()
    assert "3 compilazioni inviate" in html
    assert "<strong>Quanto sei soddisfatto?</strong>: media 3,67 su 3 risposte" in html
    assert "<strong>Dove vivi?</strong>: Mestre: 2; Lido: 1" in html
