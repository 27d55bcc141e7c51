"""Who may do what in co-programming: one class per rule."""

import pytest
from django.core.exceptions import PermissionDenied

from coprogrammazione import permissions, services
from coprogrammazione.models import ProtocolloIntesa
from tests.coprogrammazione.factories import (
    ManifestazioneFactory,
    PercorsoFactory,
    RisorsaFactory,
    protocollo_with_parties,
    referente_of,
)
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


class TestCanExpressInterest:
    def test_a_verified_referente_in_the_window(self):
        ente = EnteFactory(verified=True)
        assert permissions.can_express_interest(referente_of(ente), percorso=PercorsoFactory(aperto=True), ente=ente)

    def test_not_for_an_ente_one_does_not_represent(self):
        decision = permissions.can_express_interest(
            referente_of(), percorso=PercorsoFactory(aperto=True), ente=EnteFactory(verified=True)
        )
        assert not decision and "rappresentanza" in decision.reason

    def test_not_for_an_unverified_ente(self):
        ente = EnteFactory()
        user = MembershipFactory(ente=ente, verified=True).user
        decision = permissions.can_express_interest(user, percorso=PercorsoFactory(aperto=True), ente=ente)
        assert not decision and "non è ancora stato verificato" in decision.reason


class TestCanReview:
    def test_staff_yes_referente_no_own_ente_no(self):
        manifestazione = ManifestazioneFactory()
        assert permissions.can_review_manifestazione(StaffFactory(), manifestazione)
        assert not permissions.can_review_manifestazione(referente_of(manifestazione.ente), manifestazione)
        staff = StaffFactory()
        MembershipFactory(user=staff, ente=manifestazione.ente, verified=True)
        assert not permissions.can_review_manifestazione(staff, manifestazione)


class TestCanSign:
    def test_only_while_in_firma(self):
        protocollo, parti = protocollo_with_parties()
        decision = permissions.can_sign(StaffFactory(), parti[0])
        assert not decision and "non è in firma" in decision.reason

    def test_the_ente_for_its_part_staff_for_the_city(self):
        protocollo, parti = protocollo_with_parties()
        ProtocolloIntesa.objects.filter(pk=protocollo.pk).update(stato="in_firma", versione=1, impronta="b" * 64)
        parte = parti[0]
        parte.protocollo.refresh_from_db()
        comune = protocollo.parti.get(ente=None)
        referente = referente_of(parte.ente)
        assert permissions.can_sign(referente, parte)
        assert not permissions.can_sign(referente, comune)
        assert permissions.can_sign(StaffFactory(), comune)
        assert not permissions.can_sign(UserFactory(), parte)


class TestVisibility:
    def test_visitors_see_signed_mous_parties_see_their_drafts_staff_see_all(self):
        bozza, parti = protocollo_with_parties()
        assert not ProtocolloIntesa.objects.visible_to(UserFactory()).filter(pk=bozza.pk).exists()
        assert ProtocolloIntesa.objects.visible_to(referente_of(parti[0].ente)).filter(pk=bozza.pk).exists()
        assert ProtocolloIntesa.objects.visible_to(StaffFactory()).filter(pk=bozza.pk).exists()


class TestCanRegisterSharing:
    def test_the_offering_ente_or_staff(self):
        risorsa = RisorsaFactory()
        assert permissions.can_register_sharing(referente_of(risorsa.ente), risorsa)
        assert permissions.can_register_sharing(StaffFactory(), risorsa)
        assert not permissions.can_register_sharing(referente_of(), risorsa)


def test_services_use_the_same_rules():
    manifestazione = ManifestazioneFactory()
    with pytest.raises(PermissionDenied, match="permessi"):
        services.manifestazione_admit(manifestazione=manifestazione, actor=referente_of(manifestazione.ente))


class TestActorRoles:
    def test_staff_and_superusers_act_for_the_city(self):
        from coprogrammazione import workflows

        assert workflows.STAFF in permissions.actor_roles(StaffFactory())
        assert workflows.STAFF in permissions.actor_roles(UserFactory(is_superuser=True))

    def test_a_citizen_has_no_role(self):
        assert permissions.actor_roles(UserFactory(), ente=EnteFactory(verified=True)) == set()
