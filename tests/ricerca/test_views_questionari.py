import datetime

import pytest
from django.utils import timezone

from ricerca.models import Compilazione, Questionario, Risposta
from ricerca.services import questionario_invito_create
from tests.costellazioni.factories import UserFactory
from tests.ricerca.factories import questionario_completo

pytestmark = pytest.mark.django_db


def risposte(d, **extra):
    data = {f"d{d['zona'].pk}": "Mestre", f"d{d['sola'].pk}": "Mai", f"d{d['ore'].pk}": "2,5"}
    data.update(extra)
    return data


def test_the_survey_page_lists_every_question_with_its_condition(client):
    q, d = questionario_completo()
    testo = client.get(q.get_absolute_url()).content.decode()
    for domanda in d.values():
        assert domanda.testo in testo
    assert f'data-mostra-se="d{d["sola"].pk}" data-mostra-se-valore="Spesso"' in testo


def test_progress_is_saved_and_resumed_in_the_same_browser(client):
    q, d = questionario_completo()
    response = client.post(q.get_absolute_url(), {f"d{d['zona'].pk}": "Lido", "salva": "1"})
    assert response.status_code == 302 and "salvato=1" in response.url
    testo = client.get(response.url).content.decode()
    assert "Risposte salvate" in testo and "Hai risposto a 1 domande su 10" in testo
    assert 'value="Lido" class="form-check-input" id="id_d{}_1" checked'.format(d["zona"].pk) in testo or (
        'value="Lido"' in testo and "checked" in testo
    )
    assert Compilazione.objects.get().risposte.get().valore == "Lido"


def test_sending_with_a_missing_required_answer_keeps_the_others(client):
    q, d = questionario_completo()
    response = client.post(q.get_absolute_url(), {f"d{d['zona'].pk}": "Lido", "invia": "1"})
    assert response.status_code == 400
    assert "Rispondi a questa domanda: è obbligatoria." in response.content.decode()
    assert Risposta.objects.get().valore == "Lido"
    assert not Compilazione.objects.get().inviata


def test_sending_records_one_response_per_browser(client):
    q, d = questionario_completo()
    response = client.post(q.get_absolute_url(), {**risposte(d), "invia": "1"})
    assert response.status_code == 302 and response.url.endswith("/grazie/")
    compilazione = Compilazione.objects.get()
    assert compilazione.inviata
    assert {r.domanda_id: r.valore for r in compilazione.risposte.all()}[d["ore"].pk] == 2.5
    assert "Hai già inviato" in client.get(q.get_absolute_url()).content.decode()
    client.post(q.get_absolute_url(), {**risposte(d), "invia": "1"})
    assert Compilazione.objects.filter(inviata_il__isnull=False).count() == 1


def test_a_signed_in_questionnaire_sends_visitors_to_log_in(client):
    q, _d = questionario_completo(accesso=Questionario.Accesso.AUTENTICATO)
    response = client.get(q.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(UserFactory())
    assert client.get(q.get_absolute_url()).status_code == 200


def test_an_invitation_questionnaire_needs_a_valid_token(client):
    q, d = questionario_completo(accesso=Questionario.Accesso.INVITO)
    (invito,) = questionario_invito_create(questionario=q, etichette=["Ente"])
    assert client.get(q.get_absolute_url()).status_code == 403
    url = f"{q.get_absolute_url()}?invito={invito.token}"
    assert client.get(url).status_code == 200
    assert client.post(url, {**risposte(d), "invito": invito.token, "invia": "1"}).status_code == 302
    assert Compilazione.objects.get(invito=invito).inviata


def test_a_closed_questionnaire_says_so(client):
    q, _d = questionario_completo(chiusura=timezone.now() + datetime.timedelta(days=1))
    Questionario.objects.filter(pk=q.pk).update(chiusura=timezone.now() - datetime.timedelta(seconds=1))
    assert "non è aperto" in client.get(q.get_absolute_url()).content.decode()


def test_an_unpublished_questionnaire_is_not_found(client):
    q, _d = questionario_completo(pubblicato=False)
    assert client.get(q.get_absolute_url()).status_code == 404
