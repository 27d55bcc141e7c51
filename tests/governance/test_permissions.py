"""Membership of a body opens its private meetings, minutes and documents; nobody else sees them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from governance import permissions
from governance.models import DocumentoOrgano, Organo, Riunione, Verbale
from governance.services import rete, verbali
from tests.costellazioni.factories import UserFactory
from tests.files import PDF_BYTES
from tests.governance.conftest import hold
from tests.governance.factories import MembroOrganoFactory, OrganoFactory, PuntoFactory, RiunioneFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def comitato(staff):
    """A public committee whose meeting three weeks ago was private, with draft minutes."""
    organo = OrganoFactory(comitato=True)
    membro = MembroOrganoFactory(organo=organo, presidente=True).user
    riunione = RiunioneFactory(organo=organo, inizio=at(-21), visibilita="privata")
    punto = PuntoFactory(riunione=riunione, ordine=1, titolo="Budget delle antenne")
    hold(riunione, staff, presenti=1)
    verbale = verbali.verbale_write(riunione=riunione, actor=staff, testi={punto.pk: "Cifre riservate."})
    return organo, membro, riunione, verbale


class TestPrivateMinutes:
    def test_hidden_from_non_members_and_visitors(self, comitato):
        _organo, _membro, riunione, verbale = comitato
        for persona in [AnonymousUser(), UserFactory()]:
            assert not permissions.can_view_riunione(persona, riunione)
            assert not permissions.can_read_verbale(persona, verbale)
            assert not Riunione.objects.visible_to(persona).filter(pk=riunione.pk).exists()
            assert not Verbale.objects.visible_to(persona).exists()

    def test_open_to_members_and_staff(self, comitato, staff):
        _organo, membro, riunione, verbale = comitato
        for persona in [membro, staff]:
            assert permissions.can_view_riunione(persona, riunione)
            assert permissions.can_read_verbale(persona, verbale)
            assert list(Verbale.objects.visible_to(persona)) == [verbale]

    def test_a_former_member_loses_the_minutes(self, comitato):
        organo, membro, _riunione, verbale = comitato
        incarico = organo.membri.get(user=membro)
        incarico.al = incarico.dal
        incarico.save()
        assert not permissions.can_read_verbale(membro, verbale)
        assert not Verbale.objects.visible_to(membro).exists()

    def test_a_public_meeting_shows_only_approved_minutes(self, svolta, successiva, staff):
        verbale = verbali.verbale_write(riunione=svolta, actor=staff, testi={})
        visitatore = AnonymousUser()
        assert permissions.can_view_riunione(visitatore, svolta)
        assert not permissions.can_read_verbale(visitatore, verbale)
        verbali.verbale_approve(
            verbale=verbale, in_riunione=successiva, favorevoli=5, contrari=0, astenuti=0, actor=staff
        )
        verbale.refresh_from_db()
        assert permissions.can_read_verbale(visitatore, verbale)


class TestBodiesAndDocuments:
    def test_a_private_body_is_seen_by_its_members_only(self, staff):
        privato = OrganoFactory(privato=True)
        membro = MembroOrganoFactory(organo=privato).user
        assert list(Organo.objects.visible_to(membro)) == [privato]
        assert list(Organo.objects.visible_to(UserFactory())) == []
        assert list(Organo.objects.visible_to(staff)) == [privato]

    def test_reserved_documents_of_a_public_body(self, organo, membri):
        pubblico = rete.documento_upload(
            organo=organo, actor=membri[0].user, titolo="Regolamento", uploaded=SimpleUploadedFile("r.pdf", PDF_BYTES)
        ).documento
        riservato = rete.documento_upload(
            organo=organo,
            actor=membri[0].user,
            titolo="Bozza di bilancio",
            riservato=True,
            uploaded=SimpleUploadedFile("b.pdf", PDF_BYTES),
        ).documento
        assert list(DocumentoOrgano.objects.visible_to(AnonymousUser())) == [pubblico]
        assert set(DocumentoOrgano.objects.visible_to(membri[3].user)) == {pubblico, riservato}


class TestManaging:
    def test_chair_and_secretary_manage_members_do_not(self, organo, membri, staff):
        riunione = RiunioneFactory(organo=organo)
        segretario = MembroOrganoFactory(organo=organo, ruolo="segretario").user
        assert permissions.can_manage_riunione(membri[0].user, riunione)
        assert permissions.can_manage_riunione(segretario, riunione)
        assert permissions.can_manage_riunione(staff, riunione)
        assert not permissions.can_manage_riunione(membri[1].user, riunione)


class TestSeesEverything:
    def test_staff_and_superusers(self, staff):
        assert permissions.sees_everything(staff)
        assert permissions.sees_everything(UserFactory(is_superuser=True))

    def test_members_citizens_and_anonymous_do_not(self):
        assert not permissions.sees_everything(MembroOrganoFactory().user)
        assert not permissions.sees_everything(UserFactory())
        assert not permissions.sees_everything(AnonymousUser())
