import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from ricerca import selectors, services
from ricerca.models import Compilazione, Questionario, Risposta
from tests.costellazioni.factories import UserFactory
from tests.ricerca.factories import QuestionarioFactory, questionario_completo

pytestmark = pytest.mark.django_db


def tutte(d, extra=None):
    valori = {
        d["zona"].pk: "Mestre",
        d["bisogni"].pk: ["Salute", "Casa"],
        d["sola"].pk: "Spesso",
        d["fiducia"].pk: 4,
        d["consiglio"].pk: "9",
        d["breve"].pk: "Un doposcuola",
        d["lungo"].pk: '=HYPERLINK("x")',
        d["ore"].pk: "2.5",
        d["quando"].pk: datetime.date(2026, 9, 1),
        d["perche"].pk: "Vivo da sola da quando è mancato mio marito",
    }
    valori.update(extra or {})
    return valori


def test_every_kind_of_answer_is_stored_normalised():
    q, d = questionario_completo()
    compilazione = services.questionario_start(questionario=q)
    services.questionario_save(compilazione=compilazione, valori=tutte(d), invia=True)
    salvate = {r.domanda_id: r.valore for r in Risposta.objects.all()}
    assert salvate[d["bisogni"].pk] == ["Casa", "Salute"]  # in the options' order
    assert salvate[d["consiglio"].pk] == 9
    assert salvate[d["ore"].pk] == 2.5
    assert salvate[d["quando"].pk] == "2026-09-01"
    assert Compilazione.objects.get().inviata


def test_a_hidden_conditional_question_is_not_required_and_loses_its_answer():
    q, d = questionario_completo()
    compilazione = services.questionario_start(questionario=q)
    services.questionario_save(
        compilazione=compilazione, valori=tutte(d, {d["sola"].pk: "Mai", d["perche"].pk: "resto"}), invia=True
    )
    assert not Risposta.objects.filter(domanda=d["perche"]).exists()


def test_a_shown_conditional_question_is_required():
    q, d = questionario_completo()
    compilazione = services.questionario_start(questionario=q)
    with pytest.raises(ValidationError, match="obbligatoria") as error:
        services.questionario_save(compilazione=compilazione, valori=tutte(d, {d["perche"].pk: ""}), invia=True)
    assert list(error.value.message_dict) == [f"d{d['perche'].pk}"]
    compilazione.refresh_from_db()
    assert not compilazione.inviata
    # Nothing written is lost: the valid answers were saved as a draft.
    assert Risposta.objects.filter(compilazione=compilazione).count() == 9


@pytest.mark.parametrize(
    ("chiave", "valore", "messaggio"),
    [
        ("zona", "Venezia", "Scegli una delle opzioni"),
        ("bisogni", ["Casa", "Sport"], "Scegli tra le opzioni"),
        ("fiducia", 6, "da 1 a 5"),
        ("consiglio", "dieci", "da 1 a 10"),
        ("ore", "tante", "Scrivi un numero"),
        ("quando", "31/02/2026", "data valida"),
        ("breve", "x" * 301, "al massimo 300"),
    ],
)
def test_wrong_answers_get_a_message_next_to_the_question(chiave, valore, messaggio):
    q, d = questionario_completo()
    compilazione = services.questionario_start(questionario=q)
    with pytest.raises(ValidationError, match=messaggio) as error:
        services.questionario_save(compilazione=compilazione, valori=tutte(d, {d[chiave].pk: valore}))
    assert list(error.value.message_dict) == [f"d{d[chiave].pk}"]


def test_a_draft_is_resumed_then_sent_once():
    q, d = questionario_completo()
    bozza = services.questionario_start(questionario=q)
    services.questionario_save(compilazione=bozza, valori={d["zona"].pk: "Lido"})
    ripresa = services.questionario_start(questionario=q, chiave=bozza.chiave)
    assert ripresa == bozza
    services.questionario_save(compilazione=ripresa, valori=tutte(d), invia=True)
    with pytest.raises(ValidationError, match="già inviato"):
        services.questionario_save(compilazione=ripresa, valori=tutte(d), invia=True)


def test_one_response_per_signed_in_person():
    q, d = questionario_completo(accesso=Questionario.Accesso.AUTENTICATO)
    persona = UserFactory()
    prima = services.questionario_start(questionario=q, user=persona)
    services.questionario_save(compilazione=prima, valori=tutte(d), invia=True)
    assert services.questionario_start(questionario=q, user=persona) == prima
    with pytest.raises(IntegrityError, match="compilazione_una_per_persona"):
        Compilazione.objects.create(questionario=q, utente=persona)


def test_signed_in_questionnaire_refuses_visitors():
    q, _d = questionario_completo(accesso=Questionario.Accesso.AUTENTICATO)
    with pytest.raises(PermissionDenied, match="Accedi"):
        services.questionario_start(questionario=q)


def test_one_response_per_invitation_token():
    q, d = questionario_completo(accesso=Questionario.Accesso.INVITO)
    invito, altro = services.questionario_invito_create(questionario=q, etichette=["Ente 1", "Ente 2"])
    prima = services.questionario_start(questionario=q, token=invito.token)
    services.questionario_save(compilazione=prima, valori=tutte(d), invia=True)
    assert services.questionario_start(questionario=q, token=invito.token).inviata
    assert services.questionario_start(questionario=q, token=altro.token) != prima
    with pytest.raises(PermissionDenied, match="codice d'invito non è valido"):
        services.questionario_start(questionario=q, token="inventato")
    with pytest.raises(IntegrityError, match="invito_id"):
        Compilazione.objects.create(questionario=q, invito=invito)


def test_a_closed_questionnaire_takes_no_answers():
    q, d = questionario_completo()
    compilazione = services.questionario_start(questionario=q)
    Questionario.objects.filter(pk=q.pk).update(chiusura=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="chiuso"):
        services.questionario_save(compilazione=compilazione, valori=tutte(d), invia=True)
    with pytest.raises(PermissionDenied, match="non è aperto"):
        services.questionario_start(questionario=Questionario.objects.get(pk=q.pk))


def test_closing_before_opening_is_refused():
    with pytest.raises(IntegrityError, match="questionario_chiusura_dopo_apertura"):
        QuestionarioFactory(chiusura=timezone.now() - datetime.timedelta(days=5))


def test_results_count_every_option_and_average_scales():
    q, d = questionario_completo()
    for fiducia, bisogni in [(4, ["Casa"]), (2, ["Casa", "Lavoro"])]:
        c = services.questionario_start(questionario=q)
        services.questionario_save(
            compilazione=c, valori=tutte(d, {d["fiducia"].pk: fiducia, d["bisogni"].pk: bisogni}), invia=True
        )
    services.questionario_save(compilazione=services.questionario_start(questionario=q), valori=tutte(d))  # a draft
    per_domanda = {r.domanda.pk: r for r in selectors.risultati(q)}
    assert per_domanda[d["bisogni"].pk].conteggi == [("Casa", 2), ("Lavoro", 1), ("Salute", 0)]
    assert per_domanda[d["fiducia"].pk].media == 3
    assert per_domanda[d["fiducia"].pk].conteggi[1] == ("2", 1)
    assert per_domanda[d["zona"].pk].risposte == 2  # drafts are not results


def test_export_rows_hold_every_answer():
    q, d = questionario_completo()
    c = services.questionario_start(questionario=q)
    services.questionario_save(compilazione=c, valori=tutte(d), invia=True)
    intestazione, righe = selectors.righe_risposte(q)
    assert intestazione[2:] == [domanda.testo for domanda in q.domande.all()]
    assert righe[0][2:] == [
        "Mestre",
        "Casa; Salute",
        "Spesso",
        4,
        9,
        "Un doposcuola",
        '=HYPERLINK("x")',
        2.5,
        "2026-09-01",
        "Vivo da sola da quando è mancato mio marito",
    ]
