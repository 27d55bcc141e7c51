"""The contractor writes, corrects and sends its activity reports on the portal; others do not see them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from governance.models import RapportoAppaltatore
from governance.services import appalto
from tests.costellazioni.factories import EnteFactory, MembershipFactory, UserFactory
from tests.files import PDF_BYTES
from tests.governance.factories import contratto

pytestmark = pytest.mark.django_db


@pytest.fixture
def referente(db):
    ente = EnteFactory(verified=True, denominazione="Cooperativa Barena")
    contratto(ente)
    return MembershipFactory(verified=True, ente=ente).user


def dati(ente, **extra):
    oggi = timezone.localdate()
    return {
        "ente": ente.pk,
        "periodo_dal": (oggi - datetime.timedelta(days=30)).isoformat(),
        "periodo_al": oggi.isoformat(),
        "attivita_hub": "Sportello progetti tre mattine a settimana.",
        "ore_hub": "96",
        "persone_hub": "41",
        "problemi": "",
        **extra,
    }


def test_write_attach_and_send(client, referente):
    ente = referente.memberships.get().ente
    client.force_login(referente)
    response = client.post(
        "/governance/relazioni/nuova/",
        {**dati(ente), "allegato": SimpleUploadedFile("registro.pdf", PDF_BYTES, "application/pdf")},
    )
    rapporto = RapportoAppaltatore.objects.get()
    assert response.url == f"/governance/relazioni/{rapporto.pk}/"
    assert [(a.macro_azione, a.ore, a.persone_raggiunte) for a in rapporto.attivita.all()] == [("hub", 96, 41)]
    assert rapporto.allegati.get().nome_originale == "registro.pdf"
    client.post(f"/governance/relazioni/{rapporto.pk}/invia/")
    rapporto.refresh_from_db()
    assert rapporto.stato == "inviato"
    assert (
        "già all&#x27;esame dello staff"
        in client.get(f"/governance/relazioni/{rapporto.pk}/modifica/", follow=True).content.decode()
    )


def test_bad_input_is_explained_next_to_the_field_and_kept(client, referente):
    ente = referente.memberships.get().ente
    client.force_login(referente)
    oggi = timezone.localdate()
    response = client.post(
        "/governance/relazioni/nuova/",
        dati(ente, periodo_al=(oggi - datetime.timedelta(days=60)).isoformat(), attivita_hub="", ore_hub="12"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "La fine del periodo viene dopo l&#x27;inizio." in html
    assert "Descrivi le attività a cui si riferiscono ore e persone." in html
    assert 'value="12"' in html
    assert not RapportoAppaltatore.objects.exists()


def test_a_fake_pdf_is_refused_on_the_field(client, referente):
    ente = referente.memberships.get().ente
    client.force_login(referente)
    response = client.post(
        "/governance/relazioni/nuova/", {**dati(ente), "allegato": SimpleUploadedFile("x.pdf", b"MZ\x90\x00")}
    )
    assert "Il file non è un PDF" in response.content.decode()
    assert not RapportoAppaltatore.objects.exists()


def test_changes_requested_then_corrected_and_resent(client, referente, staff):
    ente = referente.memberships.get().ente
    client.force_login(referente)
    client.post("/governance/relazioni/nuova/", dati(ente))
    rapporto = RapportoAppaltatore.objects.get()
    appalto.rapporto_submit(rapporto=rapporto, actor=referente)
    appalto.rapporto_request_changes(rapporto=rapporto, actor=staff, note="Aggiungete la macro-azione 1.")
    assert "Aggiungete la macro-azione 1." in client.get(f"/governance/relazioni/{rapporto.pk}/").content.decode()
    client.post(
        f"/governance/relazioni/{rapporto.pk}/modifica/",
        {k: v for k, v in dati(ente, attivita_ricerca="Dodici interviste.", ore_ricerca="30").items() if k != "ente"},
    )
    assert sorted(rapporto.attivita.values_list("macro_azione", flat=True)) == ["hub", "ricerca"]
    client.post(f"/governance/relazioni/{rapporto.pk}/commenta/", {"testo": "Aggiunta, grazie."})
    client.post(f"/governance/relazioni/{rapporto.pk}/invia/")
    rapporto.refresh_from_db()
    assert rapporto.stato == "inviato"
    assert list(rapporto.commenti.values_list("testo", flat=True)) == [
        "Aggiungete la macro-azione 1.",
        "Aggiunta, grazie.",
    ]


def test_others_do_not_see_the_reports(client, referente):
    ente = referente.memberships.get().ente
    client.force_login(referente)
    client.post("/governance/relazioni/nuova/", dati(ente))
    rapporto = RapportoAppaltatore.objects.get()
    client.force_login(UserFactory())
    assert client.get(f"/governance/relazioni/{rapporto.pk}/").status_code == 404
    assert client.get("/governance/relazioni/").status_code == 404
    assert client.get("/governance/relazioni/nuova/").status_code == 404


@pytest.mark.parametrize("n", [1, 12])
def test_list_query_count(client, referente, django_assert_num_queries, n):
    ente = referente.memberships.get().ente
    for i in range(n):
        RapportoAppaltatore.objects.create(
            appaltatore=ente,
            periodo_dal=timezone.localdate() - datetime.timedelta(days=31 * (i + 1)),
            periodo_al=timezone.localdate() - datetime.timedelta(days=31 * i),
            autore=referente,
        )
    client.force_login(referente)
    with django_assert_num_queries(5):  # the same five queries whatever the number of reports
        assert client.get("/governance/relazioni/").status_code == 200
