"""Nobody decides on their own application: istruttoria, evaluation, award, payment and report approval are refused
to a staff member who belongs to the applying ente, and a colleague goes ahead."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from contributi import services
from contributi.models import Candidatura, Rendiconto, VoceChecklist
from costellazioni.permissions import PartyToRequest
from tests.contributi.factories import SubmittedCandidaturaFactory, board, closed_bando
from tests.contributi.factories_erogazioni import accepted, complete_report, financed_candidatura_set_by_queryset
from tests.costellazioni.factories import MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db
S = Candidatura.Stato


def staff_of(ente):
    """A staff member who is also a verified referente of ``ente``."""
    return MembershipFactory(user=StaffFactory(), ente=ente, verified=True).user


@pytest.fixture
def candidatura():
    bando = closed_bando()
    VoceChecklist.objects.create(bando=bando, testo="Statuto conforme", ordine=1)
    return SubmittedCandidaturaFactory(bando=bando)


class TestIstruttoria:
    def test_a_member_of_the_ente_cannot_start_it(self, candidatura):
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.istruttoria_start(candidatura=candidatura, actor=staff_of(candidatura.ente))
        candidatura.refresh_from_db()
        assert candidatura.stato == S.PRESENTATA

    def test_nor_check_the_list_nor_admit_nor_send_a_preavviso(self, candidatura, staff_user):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        party = staff_of(c.ente)
        voce = c.bando.checklist.get()
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.checklist_save(candidatura=c, actor=party, risposte={voce.pk: (True, "")})
        services.checklist_save(candidatura=c, actor=staff_user, risposte={voce.pk: (True, "")})
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.istruttoria_ammissibile(candidatura=c, actor=party)
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.preavviso_send(candidatura=c, actor=party, motivi="Manca lo statuto.")
        assert services.istruttoria_ammissibile(candidatura=c, actor=staff_user).stato == S.AMMISSIBILE

    def test_the_person_who_submitted_it_cannot_decide_even_after_leaving_the_ente(self, candidatura):
        staff = StaffFactory()
        Candidatura.objects.filter(pk=candidatura.pk).update(presentata_da=staff)
        candidatura.refresh_from_db()
        with pytest.raises(PartyToRequest, match="hai presentato tu"):
            services.istruttoria_start(candidatura=candidatura, actor=staff)

    def test_the_admin_action_shows_the_refusal_and_no_success(self, candidatura, client):
        party = staff_of(candidatura.ente)
        client.force_login(party)
        response = client.post(
            reverse("admin:contributi_candidatura_changelist"),
            {"action": "avvia_istruttoria", "_selected_action": [candidatura.pk]},
            follow=True,
        )
        texts = [(m.level_tag, str(m)) for m in response.context["messages"]]
        assert any(tag == "error" and "ne fai parte" in text for tag, text in texts)
        assert not any(tag == "success" for tag, _text in texts)
        candidatura.refresh_from_db()
        assert candidatura.stato == S.PRESENTATA


class TestEvaluation:
    def test_a_member_of_the_ente_cannot_assign_it_nor_start_the_evaluation(self, candidatura, staff_user):
        Candidatura.objects.filter(pk=candidatura.pk).update(stato=S.AMMISSIBILE)
        candidatura.refresh_from_db()
        (membro,) = board(candidatura.bando, size=1)
        party = staff_of(candidatura.ente)
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.assegnazione_create(candidatura=candidatura, membro=membro, actor=party)
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.valutazione_start(candidatura=candidatura, actor=party)
        services.assegnazione_create(candidatura=candidatura, membro=membro, actor=staff_user)
        assert services.valutazione_start(candidatura=candidatura, actor=staff_user).stato == S.IN_VALUTAZIONE


class TestAwardPaymentReport:
    def test_a_member_of_the_ente_cannot_record_the_award(self, staff_user):
        c, _user = financed_candidatura_set_by_queryset()
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.concessione_create(candidatura=c, actor=staff_of(c.ente))
        assert not hasattr(Candidatura.objects.get(pk=c.pk), "concessione")
        assert services.concessione_create(candidatura=c, actor=staff_user).importo == Decimal("10000.00")

    def test_a_member_of_the_ente_cannot_pay_nor_publish_nor_reduce(self):
        concessione, _user, staff, tranche = accepted(published=False)
        party = staff_of(concessione.candidatura.ente)
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.concessione_publish(concessione=concessione, actor=party)
        services.concessione_publish(concessione=concessione, actor=staff)
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.pagamento_register(
                concessione=concessione, tranche=tranche[0], actor=party, data=date(2027, 1, 10), numero_mandato="M-1"
            )
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.concessione_reduce(concessione=concessione, actor=party, importo=Decimal("100"), motivo="Spese.")
        assert not concessione.pagamenti.exists()
        services.pagamento_register(
            concessione=concessione, tranche=tranche[0], actor=staff, data=date(2027, 1, 10), numero_mandato="M-1"
        )
        assert concessione.pagamenti.count() == 1

    def test_a_member_of_the_ente_cannot_approve_its_report(self):
        concessione, user, staff, _tranche = accepted()
        rendiconto = complete_report(concessione, user, tipo=Rendiconto.Tipo.INTERMEDIO)
        rendiconto = services.rendiconto_submit(rendiconto=rendiconto, actor=user)
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.rendiconto_transition(
                rendiconto=rendiconto, to=Rendiconto.Stato.APPROVATO, actor=staff_of(concessione.candidatura.ente)
            )
        rendiconto.refresh_from_db()
        assert rendiconto.stato == Rendiconto.Stato.PRESENTATO
        rendiconto = services.rendiconto_transition(rendiconto=rendiconto, to=Rendiconto.Stato.APPROVATO, actor=staff)
        assert rendiconto.stato == Rendiconto.Stato.APPROVATO


class TestAdminForms:
    def test_a_payment_by_a_member_of_the_ente_is_refused_next_to_the_form(self, client):
        concessione, _user, _staff, tranche = accepted()
        client.force_login(staff_of(concessione.candidatura.ente))
        response = client.post(
            reverse("admin:contributi_pagamento_add"),
            {"concessione": concessione.pk, "tranche": tranche[0].pk, "data": "10/01/2027", "numero_mandato": "M-9"},
        )
        assert response.status_code == 200
        assert "ne fai parte" in response.content.decode()
        assert not concessione.pagamenti.exists()

    def test_a_colleague_records_it(self, client):
        concessione, _user, staff, tranche = accepted()
        client.force_login(staff)
        data = {"concessione": concessione.pk, "tranche": tranche[0].pk, "data": "10/01/2027", "numero_mandato": "M-9"}
        asked = client.post(reverse("admin:contributi_pagamento_add"), data)
        assert asked.status_code == 200 and "non può essere annullata" in asked.content.decode()
        assert not concessione.pagamenti.exists()
        response = client.post(reverse("admin:contributi_pagamento_add"), data | {"confirm": "1"})
        assert response.status_code == 302, response.content.decode()[:2000]
        assert concessione.pagamenti.get().numero_mandato == "M-9"
