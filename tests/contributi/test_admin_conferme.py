"""Irreversible admin actions ask first (one confirmation page naming the consequences), a service's refusal is
shown next to the form without a false success message, and people, enti and HUBs are picked by autocomplete."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from contributi import services
from contributi.models import Bando, Graduatoria, Preavviso, RegoleSelezione
from tests.contributi.factories import (
    SubmittedCandidaturaFactory,
    board,
    close_bando,
    evaluated,
    open_bando,
    with_checklist,
)
from tests.contributi.factories_erogazioni import accepted, piano
from tests.costellazioni.factories import StaffFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:contributi_graduatoria_changelist"


@pytest.fixture
def ranked(staff_user):
    bando = open_bando(budget_totale=Decimal("30000"))
    Bando.objects.filter(pk=bando.pk).update(stato=Bando.Stato.BOZZA)
    bando.refresh_from_db()
    RegoleSelezione.objects.create(bando=bando, soglia_minima=Decimal("50"), finanziamento_parziale=True)
    Bando.objects.filter(pk=bando.pk).update(stato=Bando.Stato.PUBBLICATO, pubblicato_il=timezone.now())
    bando = close_bando(bando)
    membri = board(bando, size=1)
    evaluated(bando, staff=staff_user, membri=membri, points=[[40, 50]], titolo="prima")
    evaluated(bando, staff=staff_user, membri=membri, points=[[30, 40]], titolo="seconda")
    return services.graduatoria_compute(bando=bando, actor=staff_user)


def _action(client, name, graduatoria, **data):
    return client.post(reverse(CHANGELIST), {"action": name, "_selected_action": [graduatoria.pk], **data})


class TestRankingAsksFirst:
    def test_approval_shows_the_consequences_and_waits_for_the_confirmation(self, client, staff_user, ranked):
        client.force_login(staff_user)
        page = _action(client, "approva", ranked)
        assert page.status_code == 200
        html = page.content.decode()
        assert "non si possono più ricalcolare" in html and "non può essere annullata" in html
        assert "Numero della determina dirigenziale" in html
        assert Graduatoria.objects.get(pk=ranked.pk).stato == Graduatoria.Stato.PROVVISORIA
        # A confirmation without the determina is refused next to its field; nothing changes.
        refused = _action(client, "approva", ranked, confirm="1", determina_numero="")
        assert refused.status_code == 200 and "Questo campo è obbligatorio" in refused.content.decode()
        assert Graduatoria.objects.get(pk=ranked.pk).stato == Graduatoria.Stato.PROVVISORIA
        done = _action(client, "approva", ranked, confirm="1", determina_numero="DD 9", determina_data="2026-11-20")
        assert done.status_code == 302
        assert Graduatoria.objects.get(pk=ranked.pk).stato == Graduatoria.Stato.APPROVATA

    def test_publication_names_who_is_told_and_what_they_get(self, client, staff_user, ranked):
        services.graduatoria_approve(
            graduatoria=ranked, actor=staff_user, determina_numero="DD 9", determina_data=date(2026, 11, 20)
        )
        client.force_login(staff_user)
        html = _action(client, "pubblica", ranked).content.decode()
        assert "2 candidature ricevono il loro esito" in html
        assert "il bando si conclude" in html and "non può essere annullata" in html
        assert Graduatoria.objects.get(pk=ranked.pk).stato == Graduatoria.Stato.APPROVATA
        assert _action(client, "pubblica", ranked, confirm="1").status_code == 302
        assert Graduatoria.objects.get(pk=ranked.pk).stato == Graduatoria.Stato.PUBBLICATA


class TestPayment:
    def test_the_form_offers_only_the_tranches_of_this_grants_call(self, client):
        concessione, _user, staff, tranche = accepted()
        other = open_bando()
        piano(other)
        client.force_login(staff)
        response = client.get(f"{reverse('admin:contributi_pagamento_add')}?concessione={concessione.pk}")
        offered = {pk for pk, _label in response.context["adminform"].form.fields["tranche"].choices if pk}
        assert {int(str(pk)) for pk in offered} == {t.pk for t in tranche}
        assert other.tranche.exists()

    def test_a_refusal_after_the_confirmation_is_shown_next_to_the_form(self, client):
        concessione, _user, staff, tranche = accepted()
        client.force_login(staff)
        data = {"concessione": concessione.pk, "tranche": tranche[0].pk, "data": "10/01/2027", "numero_mandato": "M-1"}
        first = client.post(reverse("admin:contributi_pagamento_add"), data | {"confirm": "1"}, follow=True)
        assert first.redirect_chain and concessione.pagamenti.count() == 1
        # The same tranche again: the service refuses (the tranche is paid); the form says why, no success.
        again = client.post(reverse("admin:contributi_pagamento_add"), data | {"confirm": "1", "numero_mandato": "M-2"})
        assert again.status_code == 200
        html = again.content.decode()
        assert "errornote" in html
        assert not [m for m in get_messages(again.wsgi_request) if "successo" in str(m)]
        assert concessione.pagamenti.count() == 1


def test_a_refused_decision_on_a_preavviso_keeps_the_form_and_says_why(client, staff_user):
    candidatura = with_checklist(SubmittedCandidaturaFactory())
    services.istruttoria_start(candidatura=candidatura, actor=staff_user)
    preavviso = services.preavviso_send(candidatura=candidatura, actor=staff_user, motivi="Sede fuori comune.")
    client.force_login(StaffFactory())
    url = reverse("admin:contributi_preavviso_change", args=[preavviso.pk])
    response = client.post(url, {"esito": Preavviso.Esito.CONFERMATO, "considerazioni": "Confermato."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "errornote" in html and "Confermato." in html
    assert not [m for m in get_messages(response.wsgi_request) if "successo" in str(m)]
    assert Preavviso.objects.get(pk=preavviso.pk).decisa_il is None


class TestAutocomplete:
    def test_board_members_are_picked_by_name_or_e_mail(self, client, staff_user):
        from tests.costellazioni.factories import UserFactory

        UserFactory(first_name="Giovanna", last_name="Zennaro", email="g.zennaro@example.org")
        client.force_login(StaffFactory(is_superuser=True))
        page = client.get(reverse("admin:contributi_membrocommissione_add")).content.decode()
        assert 'class="admin-autocomplete' in page and 'name="utente"' in page
        for term in ("zennaro", "g.zennaro@"):
            found = client.get(
                reverse("admin:autocomplete"),
                {"term": term, "app_label": "contributi", "model_name": "membrocommissione", "field_name": "utente"},
            ).json()
            assert len(found["results"]) == 1 and "zennaro" in found["results"][0]["text"].lower()

    @pytest.mark.parametrize(
        ("model", "field"),
        [
            ("contributi/membrocommissione", "utente"),
            ("hubs/hub", "referenti"),
            ("hubs/spazio", "hub"),
            ("antenne/antenna", "operatore"),
            ("coprogrammazione/risorsa", "ente"),
        ],
    )
    def test_no_numeric_id_or_huge_select(self, client, model, field):
        client.force_login(StaffFactory(is_superuser=True))
        page = client.get(f"/admin/{model}/add/").content.decode()
        assert "vRawIdAdminField" not in page
        assert f'name="{field}"' in page and "admin-autocomplete" in page
