"""The call's admin forms save through the services: a coded audit row, or the refusal next to the form."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from contributi.models import Bando
from costellazioni.models import EventoAudit
from tests.admin_form import admin_form_data
from tests.contributi.factories import BandoFactory
from tests.contributi.factories_erogazioni import accepted, complete_report, piano
from tests.costellazioni.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def clerk(*codenames):
    """Staff who may open the form in the admin but do not work the selection for the City."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="contributi", codename__in=codenames))
    return user


def assert_refused_next_to_the_form(response, message):
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [message]
    assert list(get_messages(response.wsgi_request)) == []


def bando_form(client, url) -> dict:
    """The call's change form as staff see it, posted back unchanged (with no quartiere chosen)."""
    client.force_login(StaffFactory())
    data = admin_form_data(client.get(url).content.decode())
    return {name: value for name, value in data.items() if not (name == "quartieri" and value == "")}


class TestBandoForm:
    def test_staff_edit_goes_through_the_service_with_its_code(self, client):
        staff = StaffFactory()
        bando = BandoFactory()
        piano(bando)
        url = reverse("admin:contributi_bando_change", args=[bando.pk])
        data = bando_form(client, url)
        client.force_login(staff)
        response = client.post(url, data | {"sintesi": "Contributi per la merenda solidale."})
        assert response.status_code == 302, response.context["errors"]
        bando.refresh_from_db()
        assert bando.sintesi == "Contributi per la merenda solidale."
        riga = EventoAudit.objects.for_object(bando).get()
        assert (riga.evento, riga.autore) == ("contributi.bando_modificato", staff)

    def test_a_refusal_is_shown_next_to_the_form_and_nothing_is_saved(self, client):
        bando = BandoFactory()
        piano(bando)
        sintesi = bando.sintesi
        url = reverse("admin:contributi_bando_change", args=[bando.pk])
        data = bando_form(client, url)
        client.force_login(clerk("view_bando", "change_bando"))
        response = client.post(url, data | {"sintesi": "Contributi per la merenda solidale."})
        assert_refused_next_to_the_form(response, "Non hai i permessi per questa operazione.")
        bando.refresh_from_db()
        assert bando.sintesi == sintesi
        assert not EventoAudit.objects.for_object(bando).exists()


def tranche_form(bando, percentuali):
    data = {"tranche-TOTAL_FORMS": len(percentuali), "tranche-INITIAL_FORMS": bando.tranche.count()}
    for i, (tranche, percentuale) in enumerate(zip(bando.tranche.order_by("ordine"), percentuali, strict=True)):
        data.update({f"tranche-{i}-id": tranche.pk, f"tranche-{i}-bando": bando.pk, f"tranche-{i}-nome": tranche.nome})
        data.update({f"tranche-{i}-percentuale": percentuale, f"tranche-{i}-condizione": tranche.condizione})
    return data


class TestPianoTrancheForm:
    def test_staff_edit_goes_through_the_service_with_its_code(self, client):
        concessione, _user, staff, _tranche = accepted()
        bando = concessione.candidatura.bando
        client.force_login(staff)
        url = reverse("admin:contributi_pianotranche_change", args=[bando.pk])
        response = client.post(url, tranche_form(bando, ["30", "70"]))
        assert response.status_code == 302, response.content.decode()[:3000]
        assert list(bando.tranche.values_list("percentuale", flat=True)) == [Decimal("30.00"), Decimal("70.00")]
        riga = EventoAudit.objects.for_object(Bando.objects.get(pk=bando.pk)).get(
            evento="contributi.piano_delle_tranche"
        )
        assert riga.autore == staff

    def test_a_refusal_is_shown_next_to_the_form_and_nothing_is_saved(self, client):
        concessione, _user, _staff, _tranche = accepted()
        bando = concessione.candidatura.bando
        tranche_perms = [f"{verb}_tranchebando" for verb in ("view", "add", "change", "delete")]
        client.force_login(clerk("view_pianotranche", "change_pianotranche", *tranche_perms))
        url = reverse("admin:contributi_pianotranche_change", args=[bando.pk])
        response = client.post(url, tranche_form(bando, ["30", "70"]))
        assert_refused_next_to_the_form(response, "Non hai i permessi per questa operazione.")
        assert list(bando.tranche.values_list("percentuale", flat=True)) == [Decimal("40.00"), Decimal("60.00")]


def test_a_report_opens_with_nothing_to_save_and_moves_only_by_the_actions(client):
    concessione, user, staff, _tranche = accepted()
    rendiconto = complete_report(concessione, user)
    client.force_login(staff)
    url = reverse("admin:contributi_rendiconto_change", args=[rendiconto.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(url, {"attivita_svolte": "Altro."}).status_code == 403
    rendiconto.refresh_from_db()
    assert rendiconto.attivita_svolte == "Laboratori di cucina per 40 famiglie."
