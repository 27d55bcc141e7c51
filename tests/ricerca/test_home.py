"""The home page's "Questionari aperti" slot, filled by ricerca through ``costellazioni.extensions``."""

import datetime

import pytest
from django.utils import timezone

from ricerca.models import Questionario
from tests.ricerca.factories import QuestionarioFactory

pytestmark = pytest.mark.django_db


def test_the_home_shows_open_surveys_anyone_can_answer_closing_soonest_first(client):
    adesso = timezone.now()
    tardi = QuestionarioFactory(titolo="Vivere a Marghera", chiusura=adesso + datetime.timedelta(days=40))
    presto = QuestionarioFactory(titolo="Il Lido d'inverno", chiusura=adesso + datetime.timedelta(days=3))
    QuestionarioFactory(titolo="Solo su invito", accesso=Questionario.Accesso.INVITO)
    QuestionarioFactory(titolo="Non ancora pubblicato", pubblicato=False)
    QuestionarioFactory(
        titolo="Già chiuso", apertura=adesso - datetime.timedelta(days=30), chiusura=adesso - datetime.timedelta(days=1)
    )
    response = client.get("/")
    assert [q.titolo for q in response.context["questionari_aperti"]] == [presto.titolo, tardi.titolo]
    testo = response.content.decode()
    assert "Questionari aperti" in testo and presto.get_absolute_url() in testo
    assert "Solo su invito" not in testo and "Già chiuso" not in testo and "Non ancora pubblicato" not in testo


def test_no_slot_when_no_survey_is_open(client):
    QuestionarioFactory(titolo="Non ancora pubblicato", pubblicato=False)
    assert 'id="questionari-aperti-title"' not in client.get("/").content.decode()


def test_at_most_three_surveys_on_the_home(client):
    QuestionarioFactory.create_batch(5)
    assert len(client.get("/").context["questionari_aperti"]) == 3
