import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from costellazioni import roles
from ricerca import selectors, services
from ricerca.models import DimensioneMaturita, RilevazioneMaturita, ValutazioneMaturita
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def dimensione(nome, ordine):
    livelli = {f"livello_{n}": f"Livello {n}" for n in range(1, 6)}
    return DimensioneMaturita.objects.create(nome=nome, ordine=ordine, **livelli)


def rilevazione(fase, giorno):
    return RilevazioneMaturita.objects.create(fase=fase, data=datetime.date(2026, 1, giorno))


def test_scores_are_averaged_per_dimension_and_round():
    reti, risorse = dimensione("Reti", 1), dimensione("Risorse", 2)
    base = rilevazione(RilevazioneMaturita.Fase.BASELINE, 1)
    meta = rilevazione(RilevazioneMaturita.Fase.INTERMEDIA, 2)
    anna, paolo = StaffFactory(), StaffFactory()
    for autore, punteggio in [(anna, 2), (paolo, 3)]:
        services.maturita_valuta(rilevazione=base, dimensione=reti, punteggio=punteggio, actor=autore)
    services.maturita_valuta(rilevazione=meta, dimensione=reti, punteggio=4, actor=anna)
    services.maturita_valuta(rilevazione=base, dimensione=reti, punteggio=1, actor=anna)  # re-scoring updates
    dimensioni, rilevazioni = selectors.maturita_per_rilevazione()
    assert dimensioni == [reti, risorse]
    assert [(r.rilevazione, r.medie, r.valutatori) for r in rilevazioni] == [
        (base, [2.0, None], 2),
        (meta, [4.0, None], 1),
    ]


def test_a_score_outside_1_5_is_refused_by_the_database():
    reti = dimensione("Reti", 1)
    base = rilevazione(RilevazioneMaturita.Fase.BASELINE, 1)
    with pytest.raises(IntegrityError, match="valutazione_maturita_1_5"):
        ValutazioneMaturita.objects.create(rilevazione=base, dimensione=reti, punteggio=6, autore=StaffFactory())


def test_a_closed_round_takes_no_scores():
    base = RilevazioneMaturita.objects.create(fase="baseline", data=datetime.date(2026, 1, 1), aperta=False)
    with pytest.raises(PermissionDenied, match="chiusa"):
        services.maturita_valuta(rilevazione=base, dimensione=dimensione("Reti", 1), punteggio=3, actor=StaffFactory())


def test_an_invited_ente_scores_through_its_verified_representative():
    base = rilevazione(RilevazioneMaturita.Fase.BASELINE, 1)
    reti = dimensione("Reti", 1)
    ente = EnteFactory(verified=True)
    referente = UserFactory(groups=[roles.REFERENTE_ETS])
    MembershipFactory(user=referente, ente=ente, verified=True)
    with pytest.raises(PermissionDenied, match="non è stato invitato"):
        services.maturita_valuta(rilevazione=base, dimensione=reti, punteggio=3, actor=referente, ente=ente)
    base.enti_invitati.add(ente)
    valutazione = services.maturita_valuta(rilevazione=base, dimensione=reti, punteggio=3, actor=referente, ente=ente)
    assert valutazione.ente == ente
    with pytest.raises(PermissionDenied, match="per conto di un ente"):
        services.maturita_valuta(rilevazione=base, dimensione=reti, punteggio=3, actor=UserFactory())


def test_an_invited_ente_scores_every_dimension_from_the_public_site(client):
    base = rilevazione(RilevazioneMaturita.Fase.BASELINE, 1)
    reti, risorse = dimensione("Reti", 1), dimensione("Risorse", 2)
    ente = EnteFactory(verified=True)
    referente = UserFactory(groups=[roles.REFERENTE_ETS])
    MembershipFactory(user=referente, ente=ente, verified=True)
    url = "/ricerca-azione/maturita/baseline/valuta/"
    client.force_login(referente)
    assert client.get(url).status_code == 403
    base.enti_invitati.add(ente)
    assert client.get(url).status_code == 200
    response = client.post(url, {"ente": ente.pk, f"d{reti.pk}": "3"})
    assert response.status_code == 400 and not ValutazioneMaturita.objects.exists()
    response = client.post(url, {"ente": ente.pk, f"d{reti.pk}": "3", f"d{risorse.pk}": "2"})
    assert response.status_code == 302
    assert sorted(ValutazioneMaturita.objects.values_list("punteggio", "ente")) == [(2, ente.pk), (3, ente.pk)]
    assert "Partecipa alla rilevazione" in client.get("/ricerca-azione/maturita/").content.decode()


def test_maturity_is_exportable_and_shown_as_a_radar(client):
    import csv
    import io

    reti = dimensione("Reti", 1)
    dimensione("Risorse", 2)
    base = rilevazione(RilevazioneMaturita.Fase.BASELINE, 1)
    services.maturita_valuta(rilevazione=base, dimensione=reti, punteggio=3, actor=StaffFactory())
    righe = list(csv.reader(io.StringIO(client.get("/ricerca-azione/maturita/maturita.csv").content.decode())))
    assert righe[1:] == [["baseline", "2026-01-01", "Reti", "3.0", "1"], ["baseline", "2026-01-01", "Risorse", "", "1"]]
    pagina = client.get("/ricerca-azione/maturita/").content.decode()
    assert "<polygon" in pagina and "Baseline: Reti 3.0, Risorse —" in pagina


def test_indicators_attach_to_outputs_and_outcomes_only():
    from django.core.exceptions import ValidationError

    from ricerca.models import IndicatoreToc
    from tests.ricerca.factories import ElementoFactory

    with pytest.raises(ValidationError, match="output e outcome"):
        IndicatoreToc(elemento=ElementoFactory(tipo="attivita"), nome="Ore di apertura").full_clean()
    IndicatoreToc(elemento=ElementoFactory(tipo="output"), nome="Persone agganciate").full_clean()


def test_a_refused_score_in_the_admin_is_shown_next_to_the_form(client):
    staff = StaffFactory(is_superuser=True)
    base = RilevazioneMaturita.objects.create(fase="baseline", data=datetime.date(2026, 1, 1), aperta=False)
    reti = dimensione("Reti", 1)
    client.force_login(staff)
    response = client.post(
        "/admin/ricerca/valutazionematurita/add/",
        {"rilevazione": base.pk, "dimensione": reti.pk, "punteggio": 3, "nota": "Rete solida"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "errornote" in html and "chiusa" in html
    assert "Rete solida" in html  # what was typed is kept
    assert not [m for m in get_messages(response.wsgi_request) if "successo" in str(m)]
    assert not ValutazioneMaturita.objects.exists()
