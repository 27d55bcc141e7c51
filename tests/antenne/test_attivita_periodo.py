"""Field-log activities are dated within the programme: from its start (2021) to now, never 1900 or 9999."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from antenne import services
from antenne.models import Attivita
from tests.antenne.factories import AttivitaFactory, OperatoreFactory, attivita_post, primo_quartiere
from tests.costellazioni.factories import StaffFactory

pytestmark = pytest.mark.django_db
URL = "/operatori/attivita/nuova/"


@pytest.mark.parametrize("svolta_il", ["1900-01-01T10:00", "2020-12-31T23:59", "9999-12-31T10:00"])
def test_the_form_refuses_a_date_outside_the_programme_next_to_the_field(client, svolta_il):
    client.force_login(OperatoreFactory().user)
    response = client.post(URL, attivita_post(svolta_il=svolta_il))
    assert response.status_code == 200
    errors = response.context["form"].errors["svolta_il"]
    assert errors == ["La data è precedente all'inizio del programma (01/01/2021): controlla l'anno."] or errors == [
        "La data è nel futuro: registra le attività solo dopo averle svolte."
    ]
    page = response.content.decode()
    assert "controlla l&#x27;anno" in page or "registra le attività solo dopo averle svolte" in page
    assert not Attivita.objects.exists()


def test_the_offline_replay_gets_the_field_named_in_json(client):
    client.force_login(OperatoreFactory().user)
    response = client.post(URL, attivita_post(svolta_il="9999-12-31T10:00"), headers={"accept": "application/json"})
    assert response.status_code == 400
    assert "svolta_il" in response.json()["errors"]
    assert not Attivita.objects.exists()


def test_a_date_within_the_programme_and_a_phone_a_minute_ahead_are_accepted(client):
    client.force_login(OperatoreFactory().user)
    un_minuto_avanti = timezone.localtime() + datetime.timedelta(minutes=1)
    for svolta_il in ["2021-01-01T00:00", un_minuto_avanti.strftime("%Y-%m-%dT%H:%M")]:
        response = client.post(URL, attivita_post(svolta_il=svolta_il))
        assert response.status_code == 302, response.context["form"].errors
    assert Attivita.objects.count() == 2


@pytest.mark.parametrize(
    ("svolta_il", "message"),
    [
        (datetime.datetime(1900, 1, 1, 10, tzinfo=datetime.UTC), "precedente all'inizio del programma"),
        (timezone.now() + datetime.timedelta(days=1), "nel futuro"),
    ],
)
def test_the_service_refuses_it_too(svolta_il, message):
    operatore = OperatoreFactory()
    with pytest.raises(ValidationError, match=message) as error:
        services.attivita_log(
            operatore=operatore, uuid=uuid.uuid4(), tipo="presidio", quartiere=primo_quartiere(), svolta_il=svolta_il
        )
    assert list(error.value.message_dict) == ["svolta_il"]
    assert not Attivita.objects.exists()


def test_the_admin_refuses_it_next_to_the_field(client):
    attivita = AttivitaFactory()
    svolta_il = attivita.svolta_il
    staff = StaffFactory()
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    change = reverse("admin:antenne_attivita_change", args=[attivita.pk])
    response = client.post(
        change,
        {
            "operatore": attivita.operatore_id,
            "tipo": attivita.tipo,
            "svolta_il_0": "01/01/1900",
            "svolta_il_1": "10:00",
            "quartiere": attivita.quartiere_id,
            "persone_raggiunte": "5",
        },
    )
    assert response.status_code == 200
    assert "precedente all&#x27;inizio del programma" in response.content.decode()
    attivita.refresh_from_db()
    assert attivita.svolta_il == svolta_il


@pytest.mark.parametrize("anno", [1900, 9999])
def test_the_admin_year_filter_survives_rows_dated_before_this_rule(client, anno):
    # Rows stored before the rule existed, written past validation.
    attivita = AttivitaFactory()
    Attivita.objects.filter(pk=attivita.pk).update(
        svolta_il=datetime.datetime(anno, 12 if anno == 9999 else 1, 15, 10, tzinfo=datetime.UTC)
    )
    client.force_login(StaffFactory())
    changelist = reverse("admin:antenne_attivita_changelist")
    for query in ["", f"?svolta_il__year={anno}", f"?svolta_il__year={anno}&svolta_il__month=12", "?mese=9999-12"]:
        response = client.get(changelist + query)
        assert response.status_code in {200, 302}, query
