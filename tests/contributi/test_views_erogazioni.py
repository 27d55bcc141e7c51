"""The beneficiary's pages: acceptance, payments and reports, receipts; one ente never sees another's (404)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from contributi import services
from contributi.models import Candidatura, Concessione, Rendiconto, Spesa
from tests.contributi.factories import PDF_BYTES, referente
from tests.contributi.factories_erogazioni import (
    accepted,
    complete_report,
    financed_candidatura_set_by_queryset,
    receipt,
)
from tests.costellazioni.factories import StaffFactory

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(name, kwargs=kwargs)


class TestAcceptance:
    def test_section_on_the_application_page_links_to_acceptance(self, client):
        c, user = financed_candidatura_set_by_queryset(importo=Decimal("9500"))
        client.force_login(user)
        html = client.get(c.get_absolute_url()).content.decode()
        assert "9.500,00 €" in html
        assert url("area_personale_accettazione", pk=c.pk) in html

    def test_accept_with_dates(self, client):
        c, user = financed_candidatura_set_by_queryset()
        client.force_login(user)
        target = url("area_personale_accettazione", pk=c.pk)
        assert client.get(target).status_code == 200
        response = client.post(target, {"data_inizio": "2027-03-01", "data_fine": "2027-01-01", "conferma": "on"})
        assert "La fine del progetto non può precedere l&#x27;inizio." in response.content.decode()
        response = client.post(target, {"data_inizio": "2027-01-01", "data_fine": "2027-12-31"})
        assert "Questo campo è obbligatorio" in response.content.decode()
        response = client.post(target, {"data_inizio": "2027-01-01", "data_fine": "2027-12-31", "conferma": "on"})
        assert response.url == url("area_personale_contributo", pk=c.pk)
        c.refresh_from_db()
        assert c.stato == Candidatura.Stato.AVVIATA and c.concessione.data_inizio == date(2027, 1, 1)

    def test_renounce_needs_a_reason(self, client):
        c, user = financed_candidatura_set_by_queryset()
        client.force_login(user)
        target = url("area_personale_rinuncia", pk=c.pk)
        assert "Questo campo è obbligatorio" in client.post(target, {"motivo": ""}).content.decode()
        assert client.post(target, {"motivo": "Non riusciamo a cofinanziare."}).status_code == 302
        c.refresh_from_db()
        assert c.stato == Candidatura.Stato.RITIRATA


class TestContributoPage:
    @pytest.mark.parametrize("payments", [1, 3])
    def test_query_count_is_fixed(self, client, django_assert_num_queries, payments):
        concessione, user, staff, (anticipo, _saldo) = accepted()
        for i in range(payments):
            services.pagamento_register(
                concessione=concessione,
                tranche=anticipo,
                actor=staff,
                data=date(2027, 2, 1),
                numero_mandato=f"M-{i}",
                importo=Decimal("100"),
            )
        complete_report(concessione, user, tipo="intermedio")
        client.force_login(user)
        with django_assert_num_queries(9):  # the session from the cache
            response = client.get(url("area_personale_contributo", pk=concessione.candidatura_id))
        html = response.content.decode()
        assert "M-0" in html and "4.000,00 €" in html and "Rendiconto intermedio" in html


class TestReportPages:
    def test_write_and_submit_a_final_report(self, client):
        concessione, user, _staff, _t = accepted()
        pk = concessione.candidatura_id
        client.force_login(user)
        response = client.post(url("area_personale_rendiconto_nuovo", pk=pk), {"tipo": "finale"})
        rendiconto = Rendiconto.objects.get()
        assert response.url == url("area_personale_rendiconto", pk=pk, rid=rendiconto.pk)
        page = url("area_personale_rendiconto", pk=pk, rid=rendiconto.pk)
        response = client.post(page, {"attivita_svolte": "", "persone_anziani": "-1"})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Questo campo è obbligatorio" in html and "maggiore o uguale a 0" in html
        client.post(page, {"attivita_svolte": "Laboratori.", "persone_anziani": "12", "persone_giovani": ""})
        assert dict(rendiconto.persone_raggiunte.values_list("categoria", "numero")) == {"anziani": 12}

        spesa = {"categoria": "personale", "descrizione": "Educatore", "data": "2027-05-31", "importo": "1200.50"}
        bad = receipt("fattura.pdf", b"GIF89a not allowed")
        response = client.post(
            url("area_personale_spesa_nuova", pk=pk, rid=rendiconto.pk), {**spesa, "giustificativo": bad}
        )
        assert response.status_code == 400
        assert "non è un PDF né un&#x27;immagine" in response.content.decode()
        client.post(url("area_personale_spesa_nuova", pk=pk, rid=rendiconto.pk), {**spesa, "giustificativo": receipt()})
        html = client.get(page).content.decode()
        assert "1.200,50 €" in html and "-10.799,50 €" in html  # variance on personale (budget 12000)

        response = client.post(url("area_personale_rendiconto_presenta", pk=pk, rid=rendiconto.pk))
        assert response.url == url("area_personale_contributo", pk=pk)
        assert Candidatura.objects.get(pk=pk).stato == Candidatura.Stato.RENDICONTATA
        html = client.get(page).content.decode()
        assert "Aggiungi la spesa" not in html and "Laboratori." in html

    def test_incomplete_report_shows_every_reason(self, client):
        concessione, user, _staff, _t = accepted()
        rendiconto = services.rendiconto_start(concessione=concessione, actor=user, tipo="finale")
        client.force_login(user)
        response = client.post(
            url("area_personale_rendiconto_presenta", pk=concessione.candidatura_id, rid=rendiconto.pk)
        )
        assert response.status_code == 400
        assert "Inserisci almeno una spesa" in response.content.decode()

    def test_receipt_is_served_to_the_ente_and_staff(self, client):
        concessione, user, staff, _t = accepted()
        rendiconto = complete_report(concessione, user)
        spesa = Spesa.objects.get()
        target = url("area_personale_giustificativo", pk=concessione.candidatura_id, rid=rendiconto.pk, sid=spesa.pk)
        for who in (user, staff):
            client.force_login(who)
            response = client.get(target)
            assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
            assert response["X-Content-Type-Options"] == "nosniff"


class TestPermissionMatrix:
    """Another ente's referente gets 404 on every page of the award; a visitor is sent to log in."""

    @pytest.fixture
    def setup(self):
        concessione, user, _staff, _t = accepted()
        rendiconto = complete_report(concessione, user)
        spesa = rendiconto.spese.get()
        pk = concessione.candidatura_id
        return {
            "get": [
                url("area_personale_accettazione", pk=pk),
                url("area_personale_contributo", pk=pk),
                url("area_personale_rendiconto", pk=pk, rid=rendiconto.pk),
                url("area_personale_giustificativo", pk=pk, rid=rendiconto.pk, sid=spesa.pk),
            ],
            "post": [
                url("area_personale_rinuncia", pk=pk),
                url("area_personale_rendiconto_nuovo", pk=pk),
                url("area_personale_rendiconto", pk=pk, rid=rendiconto.pk),
                url("area_personale_spesa_nuova", pk=pk, rid=rendiconto.pk),
                url("area_personale_spesa_elimina", pk=pk, rid=rendiconto.pk, sid=spesa.pk),
                url("area_personale_rendiconto_presenta", pk=pk, rid=rendiconto.pk),
            ],
            "rendiconto": rendiconto,
        }

    def test_another_ente_gets_404_everywhere(self, client, setup):
        other, _ente = referente()
        client.force_login(other)
        for target in setup["get"]:
            assert client.get(target).status_code == 404, target
        for target in setup["post"]:
            assert client.post(target, {"tipo": "finale", "motivo": "x"}).status_code == 404, target
        assert setup["rendiconto"].spese.count() == 1

    def test_a_visitor_is_sent_to_log_in(self, client, setup):
        for target in setup["get"]:
            response = client.get(target)
            assert response.status_code == 302 and "/accounts/login/" in response.url

    def test_a_receipt_of_another_report_is_404_even_with_a_valid_application(self, client, setup):
        mine, user, _staff, _t = accepted()
        client.force_login(user)
        foreign = setup["rendiconto"].spese.get()
        target = url(
            "area_personale_giustificativo", pk=mine.candidatura_id, rid=setup["rendiconto"].pk, sid=foreign.pk
        )
        assert client.get(target).status_code == 404


class TestAdmin:
    """Staff comunale work in the admin through the services: role permissions, refusals shown, actions audited."""

    def test_pages_open_for_staff_comunale(self, client):
        concessione, user, staff, _t = accepted()
        complete_report(concessione, user)
        client.force_login(staff)
        for name in ("concessione", "pagamento", "rendiconto", "riduzione", "pianotranche"):
            assert client.get(reverse(f"admin:contributi_{name}_changelist")).status_code == 200, name
        assert client.get(reverse("admin:contributi_concessione_change", args=[concessione.pk])).status_code == 200
        rendiconto = Rendiconto.objects.get()
        html = client.get(reverse("admin:contributi_rendiconto_change", args=[rendiconto.pk])).content.decode()
        assert "fattura.pdf" in html and "Personale" in html

    def test_payment_added_through_the_service(self, client):
        concessione, _user, staff, (anticipo, _saldo) = accepted(published=False)
        client.force_login(staff)
        add = reverse("admin:contributi_pagamento_add")
        data = {
            "concessione": concessione.pk,
            "tranche": anticipo.pk,
            "data": "01/02/2027",
            "numero_mandato": "2027/15",
        }
        response = client.post(add, data)
        assert response.status_code == 200 and "art. 26 c. 3" in response.content.decode()
        services.concessione_publish(concessione=concessione, actor=staff)
        asked = client.post(add, data)
        assert asked.status_code == 200 and "Registra il pagamento" in asked.content.decode()
        assert concessione.erogato() == 0
        response = client.post(add, data | {"confirm": "1"})
        assert response.status_code == 302
        assert concessione.erogato() == Decimal("4000.00")
        assert concessione.pagamenti.get().registrato_da == staff

    def test_report_actions_need_a_note_to_request_changes(self, client):
        concessione, user, staff, _t = accepted()
        rendiconto = services.rendiconto_submit(rendiconto=complete_report(concessione, user), actor=user)
        client.force_login(staff)
        changelist = reverse("admin:contributi_rendiconto_changelist")
        client.post(changelist, {"action": "richiedi_modifiche", "_selected_action": [rendiconto.pk], "nota": ""})
        assert Rendiconto.objects.get().stato == Rendiconto.Stato.PRESENTATO
        client.post(
            changelist, {"action": "richiedi_modifiche", "_selected_action": [rendiconto.pk], "nota": "Manca X."}
        )
        assert Rendiconto.objects.get().stato == Rendiconto.Stato.MODIFICHE_RICHIESTE

    def test_tranche_plan_must_add_up_to_100(self, client):
        concessione, _user, staff, (anticipo, saldo) = accepted()
        client.force_login(staff)
        bando = concessione.candidatura.bando
        change = reverse("admin:contributi_pianotranche_change", args=[bando.pk])
        prefix = "tranche"
        data = {
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-INITIAL_FORMS": "2",
            f"{prefix}-0-id": anticipo.pk,
            f"{prefix}-0-bando": bando.pk,
            f"{prefix}-0-nome": "Anticipo",
            f"{prefix}-0-percentuale": "50",
            f"{prefix}-0-condizione": "avvio",
            f"{prefix}-1-id": saldo.pk,
            f"{prefix}-1-bando": bando.pk,
            f"{prefix}-1-nome": "Saldo",
            f"{prefix}-1-percentuale": "60",
            f"{prefix}-1-condizione": "rendiconto_finale",
        }
        response = client.post(change, data)
        assert "sommano a 110" in response.content.decode()
        data[f"{prefix}-1-percentuale"] = "50"
        assert client.post(change, data).status_code == 302
        assert list(bando.tranche.values_list("percentuale", flat=True)) == [Decimal("50.00"), Decimal("50.00")]

    def test_staff_register_the_award_and_publish_it(self, client):
        c, _user = financed_candidatura_set_by_queryset(importo=Decimal("8000"))
        staff = StaffFactory()
        client.force_login(staff)
        data = {
            "candidatura": c.pk,
            "cup": "F79J25000120006",
            "norma": "Art. 12 L. 241/1990",
            "ufficio": "Servizio Welfare di comunità",
            "modalita_individuazione": "Bando",
        }
        asked = client.post(reverse("admin:contributi_concessione_add"), data)
        assert asked.status_code == 200 and "Concedi il contributo" in asked.content.decode()
        assert not Concessione.objects.exists()
        response = client.post(reverse("admin:contributi_concessione_add"), data | {"confirm": "1"})
        assert response.status_code == 302
        concessione = Concessione.objects.get()
        assert concessione.importo == Decimal("8000") and concessione.norma == "Art. 12 L. 241/1990"
        changelist = reverse("admin:contributi_concessione_changelist")
        client.post(changelist, {"action": "pubblica", "_selected_action": [concessione.pk]})
        concessione.refresh_from_db()
        assert concessione.pubblicata_il is None  # the confirmation page first
        client.post(changelist, {"action": "pubblica", "_selected_action": [concessione.pk], "confirm": "1"})
        concessione.refresh_from_db()
        assert concessione.pubblicata_il is not None and concessione.pubblicata_da == staff
        revoca = {"action": "revoca", "_selected_action": [concessione.pk], "confirm": "1"}
        client.post(changelist, revoca | {"nota": ""})
        assert Concessione.objects.get().revocata_il is None
        asked = client.post(changelist, {"action": "revoca", "_selected_action": [concessione.pk], "nota": "Rinuncia."})
        assert 'name="nota" value="Rinuncia."' in asked.content.decode()  # the note travels with the confirmation
        assert Concessione.objects.get().revocata_il is None
        client.post(changelist, revoca | {"nota": "Rinuncia tardiva."})
        assert Candidatura.objects.get(pk=c.pk).stato == Candidatura.Stato.REVOCATA
