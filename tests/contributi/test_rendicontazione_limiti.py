"""An expense above the grant, or a report total above the approved budget, is refused next to the amount."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contributi import services
from contributi.models import Rendiconto, Spesa, VoceBudget
from tests.contributi.factories_erogazioni import accepted, receipt

pytestmark = pytest.mark.django_db


def add_expense(rendiconto, user, importo):
    return services.spesa_add(
        rendiconto=rendiconto,
        actor=user,
        categoria="beni",
        descrizione="Attrezzature",
        data=date(2027, 3, 1),
        importo=Decimal(importo),
        uploaded=receipt(),
    )


def budget(concessione) -> Decimal:
    return sum(VoceBudget.objects.filter(candidatura=concessione.candidatura).values_list("importo", flat=True))


def test_a_single_expense_above_the_grant_is_refused():
    concessione, user, _staff, _t = accepted(importo=Decimal("10000.00"))
    rendiconto = services.rendiconto_start(concessione=concessione, actor=user, tipo="intermedio")
    with pytest.raises(ValidationError, match="non può superare il contributo concesso, 10.000,00 €") as error:
        add_expense(rendiconto, user, "99999999.99")
    assert list(error.value.message_dict) == ["importo"]
    assert not Spesa.objects.exists()
    assert add_expense(rendiconto, user, "10000.00").importo == Decimal("10000.00")


def test_the_total_reported_cannot_pass_the_approved_budget():
    concessione, user, staff, _t = accepted(importo=Decimal("10000.00"))
    tetto = budget(concessione) or concessione.importo
    intermedio = services.rendiconto_start(concessione=concessione, actor=user, tipo="intermedio")
    add_expense(intermedio, user, "9000.00")
    add_expense(intermedio, user, tetto - Decimal("9000.00"))
    with pytest.raises(ValidationError, match="supera il budget approvato del progetto") as error:
        add_expense(intermedio, user, "0.01")
    assert list(error.value.message_dict) == ["importo"]
    assert intermedio.spese.count() == 2


def test_drafts_of_other_reports_do_not_count_but_submitted_ones_do():
    concessione, user, _staff, _t = accepted(importo=Decimal("10000.00"))
    tetto = budget(concessione) or concessione.importo
    Rendiconto.objects.create(concessione=concessione, tipo="intermedio")  # another draft, empty
    primo = services.rendiconto_start(concessione=concessione, actor=user, tipo="intermedio")
    add_expense(primo, user, "6000.00")
    add_expense(primo, user, tetto - Decimal("6100.00"))
    Rendiconto.objects.filter(pk=primo.pk).update(stato=Rendiconto.Stato.PRESENTATO, presentato_il=date(2027, 4, 1))
    finale = services.rendiconto_start(concessione=concessione, actor=user, tipo="finale")
    add_expense(finale, user, "100.00")
    with pytest.raises(ValidationError, match="ne restano 0,00 €"):
        add_expense(finale, user, "50.00")


def test_the_page_shows_the_refusal_next_to_the_amount(client):
    concessione, user, _staff, _t = accepted(importo=Decimal("10000.00"))
    rendiconto = services.rendiconto_start(concessione=concessione, actor=user, tipo="intermedio")
    client.force_login(user)
    response = client.post(
        reverse("area_personale_spesa_nuova", kwargs={"pk": concessione.candidatura_id, "rid": rendiconto.pk}),
        {
            "categoria": "beni",
            "descrizione": "Attrezzature",
            "data": "2027-03-01",
            "importo": "99999999.99",
            "giustificativo": receipt(),
        },
    )
    assert response.status_code == 400
    form = response.context["spesa_form"]
    assert form.errors["importo"] == ["Una singola spesa non può superare il contributo concesso, 10.000,00 €."]
    assert form["descrizione"].value() == "Attrezzature"  # what was typed stays in the form
    assert not Spesa.objects.exists()
