"""Processes, expressions of interest, resources and the final document."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from coprogrammazione import services
from coprogrammazione.models import ManifestazioneInteresse, Percorso, Risorsa
from costellazioni.formatting import deadline
from costellazioni.models import Messaggio
from tests.coprogrammazione.factories import ManifestazioneFactory, PercorsoFactory, RisorsaFactory, referente_of
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db
M = ManifestazioneInteresse.Stato


def submit(percorso, referente, ente, **kwargs):
    return services.manifestazione_submit(
        percorso=percorso,
        ente=ente,
        actor=referente,
        motivazione="Lavoriamo con le persone sole.",
        competenze="Ascolto.",
        risorse_offerte="Volontari.",
        contatto_nome="Luisa Scarpa",
        contatto_email="luisa@example.it",
        **kwargs,
    )


class TestManifestazioni:
    def test_a_verified_referente_expresses_interest_in_the_window_and_staff_are_told(self):
        staff = StaffFactory()
        percorso = PercorsoFactory(aperto=True)
        ente = EnteFactory(verified=True)
        manifestazione = submit(percorso, referente_of(ente), ente)
        assert manifestazione.stato == M.PRESENTATA
        assert Messaggio.objects.filter(destinatario=staff, tipo="coprogrammazione").count() == 1

    @pytest.mark.parametrize("trait", ["chiuso", None])
    def test_outside_the_window_it_is_refused(self, trait):
        percorso = PercorsoFactory(**({trait: True} if trait else {}))
        ente = EnteFactory(verified=True)
        with pytest.raises(ValidationError, match="finestra per le manifestazioni di interesse è chiusa"):
            submit(percorso, referente_of(ente), ente)
        assert not ManifestazioneInteresse.objects.exists()

    def test_before_the_window_opens_the_date_is_told(self):
        now = timezone.now()
        percorso = PercorsoFactory(
            fase=Percorso.Fase.MANIFESTAZIONI,
            manifestazioni_dal=now + datetime.timedelta(days=3),
            manifestazioni_al=now + datetime.timedelta(days=30),
        )
        ente = EnteFactory(verified=True)
        with pytest.raises(ValidationError, match=re.escape(f"si aprono {deadline(percorso.manifestazioni_dal)}.")):
            submit(percorso, referente_of(ente), ente)

    def test_the_window_closes_at_its_instant(self):
        percorso = PercorsoFactory(aperto=True)
        ente = EnteFactory(verified=True)
        with pytest.raises(ValidationError, match="chiusa"):
            submit(percorso, referente_of(ente), ente, now=percorso.manifestazioni_al)
        submit(percorso, referente_of(ente), ente, now=percorso.manifestazioni_al - datetime.timedelta(seconds=1))

    def test_an_unverified_membership_cannot_express_interest(self):
        percorso = PercorsoFactory(aperto=True)
        membership = MembershipFactory(ente=EnteFactory(verified=True))
        with pytest.raises(PermissionDenied, match="non è ancora stata verificata"):
            submit(percorso, membership.user, membership.ente)

    def test_one_per_ente(self):
        percorso = PercorsoFactory(aperto=True)
        ente = EnteFactory(verified=True)
        submit(percorso, referente_of(ente), ente)
        with pytest.raises(ValidationError, match="già manifestato interesse"):
            submit(percorso, referente_of(ente), ente)

    def test_staff_admit_and_exclude_with_a_reason(self):
        staff = StaffFactory()
        ammessa, esclusa = ManifestazioneFactory.create_batch(2)
        services.manifestazione_admit(manifestazione=ammessa, actor=staff)
        with pytest.raises(ValidationError, match="motivazione"):
            services.manifestazione_exclude(manifestazione=esclusa, actor=staff, note=" ")
        services.manifestazione_exclude(manifestazione=esclusa, actor=staff, note="L'ente non opera nel territorio.")
        esclusa.refresh_from_db()
        assert esclusa.stato == M.ESCLUSA and esclusa.motivo_esclusione == "L'ente non opera nel territorio."
        assert list(ammessa.percorso.manifestazioni.ammesse()) == [ammessa]
        assert Messaggio.objects.filter(destinatario=ammessa.presentata_da).count() == 1

    def test_nobody_admits_their_own_ente(self):
        manifestazione = ManifestazioneFactory()
        staff = StaffFactory()
        MembershipFactory(user=staff, ente=manifestazione.ente, verified=True)
        with pytest.raises(PermissionDenied, match="che rappresenti"):
            services.manifestazione_admit(manifestazione=manifestazione, actor=staff)

    def test_a_referente_cannot_admit(self):
        manifestazione = ManifestazioneFactory()
        with pytest.raises(PermissionDenied, match="permessi"):
            services.manifestazione_admit(manifestazione=manifestazione, actor=referente_of())

    def test_the_database_requires_the_reason_of_an_exclusion(self):
        manifestazione = ManifestazioneFactory()
        with pytest.raises(IntegrityError, match="coprog_esclusione_motivata"), transaction.atomic():
            ManifestazioneInteresse.objects.filter(pk=manifestazione.pk).update(stato=M.ESCLUSA)


class TestPercorso:
    def test_phases_advance_through_the_table_and_record_dates(self):
        staff = StaffFactory()
        percorso = PercorsoFactory(aperto=True)
        services.percorso_advance(percorso=percorso, to=Percorso.Fase.TAVOLI, actor=staff)
        percorso.refresh_from_db()
        assert percorso.fase == Percorso.Fase.TAVOLI and percorso.tavoli_dal == timezone.localdate()
        with pytest.raises(ValidationError, match="non è previsto"):
            services.percorso_advance(percorso=percorso, to=Percorso.Fase.ESITO, actor=staff)
        with pytest.raises(PermissionDenied, match="permessi"):
            services.percorso_advance(percorso=percorso, to=Percorso.Fase.DOCUMENTO, actor=referente_of())

    def test_the_window_must_close_after_it_opens(self):
        now = timezone.now()
        with pytest.raises(IntegrityError, match="coprog_percorso_finestra_ordinata"), transaction.atomic():
            PercorsoFactory(manifestazioni_dal=now, manifestazioni_al=now - datetime.timedelta(hours=1))


class TestRisorse:
    def test_participants_declare_and_share_resources(self):
        manifestazione = ManifestazioneFactory(ammessa=True)
        altro = ManifestazioneFactory(percorso=manifestazione.percorso, ammessa=True)
        referente = referente_of(manifestazione.ente)
        risorsa = services.risorsa_declare(
            percorso=manifestazione.percorso,
            ente=manifestazione.ente,
            actor=referente,
            tipo=Risorsa.Tipo.VOLONTARI,
            descrizione="Volontari per le visite",
            quantita=Decimal("8"),
            unita="persone",
            disponibilita="sabato",
        )
        condivisione = services.condivisione_record(
            risorsa=risorsa, beneficiario=altro.ente, data=timezone.localdate(), quantita=Decimal("2"), actor=referente
        )
        assert condivisione.risorsa == risorsa
        with pytest.raises(ValidationError, match="non con chi la offre"):
            services.condivisione_record(
                risorsa=risorsa,
                beneficiario=manifestazione.ente,
                data=timezone.localdate(),
                quantita=Decimal("1"),
                actor=referente,
            )

    def test_only_participants_declare(self):
        percorso = PercorsoFactory()
        ente = EnteFactory(verified=True)
        with pytest.raises(ValidationError, match="non partecipa"):
            services.risorsa_declare(
                percorso=percorso,
                ente=ente,
                actor=referente_of(ente),
                tipo=Risorsa.Tipo.FONDI,
                descrizione="Fondi",
                quantita=Decimal("1000"),
                unita="euro",
                disponibilita="2027",
            )

    def test_quantity_must_be_positive(self):
        manifestazione = ManifestazioneFactory(ammessa=True)
        with pytest.raises(ValidationError, match="maggiore di zero"):
            services.risorsa_declare(
                percorso=manifestazione.percorso,
                ente=manifestazione.ente,
                actor=StaffFactory(),
                tipo=Risorsa.Tipo.DATI,
                descrizione="Dati",
                quantita=Decimal("0"),
                unita="dataset",
                disponibilita="subito",
            )

    def test_search_by_kind_and_quartiere(self):
        spazio = RisorsaFactory(tipo=Risorsa.Tipo.SPAZI)
        RisorsaFactory(tipo=Risorsa.Tipo.FONDI)
        assert list(Risorsa.objects.search(tipo=Risorsa.Tipo.SPAZI)) == [spazio]


class TestDocumentoIstruttorio:
    def test_versions_copy_the_lines_and_approval_needs_lines(self):
        from coprogrammazione.models import DocumentoIstruttorio

        staff = StaffFactory()
        percorso = PercorsoFactory()
        vuoto = DocumentoIstruttorio.objects.create(percorso=percorso, versione=1)
        with pytest.raises(ValidationError, match="non ha linee strategiche"):
            services.documento_istruttorio_approve(documento=vuoto, actor=staff)
        vuoto.linee.create(ordine=1, titolo="Visite a domicilio", descrizione="Volontari formati.")
        services.documento_istruttorio_approve(documento=vuoto, actor=staff)
        with pytest.raises(ValidationError, match="già approvata"):
            services.documento_istruttorio_approve(documento=vuoto, actor=staff)
        seconda = services.documento_istruttorio_new_version(documento=vuoto, actor=staff)
        assert seconda.versione == 2 and seconda.approvato_il is None
        assert list(seconda.linee.values_list("titolo", flat=True)) == ["Visite a domicilio"]
        with pytest.raises(PermissionDenied, match="permessi"):
            services.documento_istruttorio_new_version(documento=vuoto, actor=referente_of())
