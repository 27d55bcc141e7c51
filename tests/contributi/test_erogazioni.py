"""Award, tranches and payments: acceptance, publication, the payment ceiling (service, database, concurrency)."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from contributi import services
from contributi.models import Candidatura, Concessione, Pagamento, Rendiconto
from costellazioni.models import EventoAudit, Messaggio
from tests.contributi.factories import referente
from tests.contributi.factories_erogazioni import (
    accepted,
    complete_report,
    financed_candidatura_set_by_queryset,
    piano,
)
from tests.costellazioni.factories import StaffFactory

TODAY = date(2027, 2, 1)


def pay(concessione, tranche, staff, importo=None, mandato="M-1"):
    return services.pagamento_register(
        concessione=concessione, tranche=tranche, actor=staff, data=TODAY, numero_mandato=mandato, importo=importo
    )


@pytest.mark.django_db
class TestAcceptance:
    def test_referente_accepts_and_the_project_starts(self, django_capture_on_commit_callbacks):
        c, user = financed_candidatura_set_by_queryset(importo=Decimal("12000"))
        with django_capture_on_commit_callbacks(execute=True):
            concessione = services.concessione_accept(
                candidatura=c, actor=user, data_inizio=date(2027, 1, 1), data_fine=date(2027, 12, 31)
            )
        c.refresh_from_db()
        assert c.stato == Candidatura.Stato.AVVIATA
        assert concessione.accettata_da == user and concessione.accettata_il is not None
        assert concessione.importo == Decimal("12000")
        assert concessione.cup == c.bando.cup
        assert "evidenza pubblica" in concessione.modalita_individuazione
        assert EventoAudit.objects.for_object(c).filter(stato_da="finanziata", stato_a="avviata").exists()
        assert Messaggio.objects.filter(destinatario=user, tipo="candidatura").exists()
        assert mail.outbox

    def test_another_entes_referente_cannot_accept(self):
        c, _user = financed_candidatura_set_by_queryset()
        other, _ente = referente()
        with pytest.raises(PermissionDenied, match="rappresentanza per questo ente"):
            services.concessione_accept(
                candidatura=c, actor=other, data_inizio=date(2027, 1, 1), data_fine=date(2027, 2, 1)
            )
        assert not Concessione.objects.exists()

    def test_end_before_start_is_refused_next_to_the_field(self):
        c, user = financed_candidatura_set_by_queryset()
        with pytest.raises(ValidationError) as error:
            services.concessione_accept(
                candidatura=c, actor=user, data_inizio=date(2027, 5, 1), data_fine=date(2027, 2, 1)
            )
        assert "data_fine" in error.value.message_dict

    def test_only_a_financed_application_is_accepted(self):
        concessione, user, _staff, _t = accepted()
        with pytest.raises(PermissionDenied, match="finanziata"):
            services.concessione_accept(
                candidatura=concessione.candidatura,
                actor=user,
                data_inizio=date(2027, 1, 1),
                data_fine=date(2027, 2, 1),
            )

    def test_renounce_needs_a_reason_and_withdraws(self):
        c, user = financed_candidatura_set_by_queryset()
        with pytest.raises(ValidationError, match="Scrivi la motivazione"):
            services.concessione_renounce(candidatura=c, actor=user, note=" ")
        services.concessione_renounce(candidatura=c, actor=user, note="Il partner si è ritirato.")
        c.refresh_from_db()
        assert c.stato == Candidatura.Stato.RITIRATA


@pytest.mark.django_db
class TestPublication:
    def test_payment_before_publication_is_refused(self):
        concessione, _user, staff, (anticipo, _saldo) = accepted(published=False)
        with pytest.raises(ValidationError, match="art. 26 c. 3"):
            pay(concessione, anticipo, staff)
        services.concessione_publish(concessione=concessione, actor=staff, pubblicata_il=date(2027, 1, 15))
        assert pay(concessione, anticipo, staff).importo == Decimal("4000.00")

    def test_de_minimis_needs_the_cor_code(self):
        concessione, _user, staff, _t = accepted(published=False)
        services.concessione_update(concessione=concessione, actor=staff, de_minimis=True)
        with pytest.raises(ValidationError) as error:
            services.concessione_publish(concessione=concessione, actor=staff)
        assert "codice_cor" in error.value.message_dict
        services.concessione_update(concessione=concessione, actor=staff, codice_cor="1234567")
        assert services.concessione_publish(concessione=concessione, actor=staff).pubblicata_il

    def test_only_staff_publish(self):
        concessione, user, _staff, _t = accepted(published=False)
        with pytest.raises(PermissionDenied, match="Non hai i permessi"):
            services.concessione_publish(concessione=concessione, actor=user)


@pytest.mark.django_db
class TestTranche:
    def test_plan_must_add_up_to_100(self):
        c, _user = financed_candidatura_set_by_queryset()
        staff = StaffFactory()
        with pytest.raises(ValidationError, match="sommano a 90"):
            services.tranche_plan_set(
                bando=c.bando,
                actor=staff,
                tranche=[
                    {"nome": "Anticipo", "percentuale": Decimal("40"), "condizione": "avvio"},
                    {"nome": "Saldo", "percentuale": Decimal("50"), "condizione": "rendiconto_finale"},
                ],
            )
        rows = services.tranche_plan_set(
            bando=c.bando,
            actor=staff,
            tranche=[
                {"nome": "Anticipo", "percentuale": Decimal("30"), "condizione": "avvio"},
                {"nome": "Intermedia", "percentuale": Decimal("30"), "condizione": "rendiconto_intermedio"},
                {"nome": "Saldo", "percentuale": Decimal("40"), "condizione": "rendiconto_finale"},
            ],
        )
        assert [r.ordine for r in rows] == [1, 2, 3]
        assert c.bando.tranche.count() == 3

    def test_amounts_split_with_the_cents_on_the_last_tranche(self):
        concessione, _user, _staff, _t = accepted(importo=Decimal("10000.01"))
        tranche = list(concessione.candidatura.bando.tranche.all())
        amounts = concessione.importi_tranche(tranche)
        assert list(amounts.values()) == [Decimal("4000.00"), Decimal("6000.01")]

    def test_balance_waits_for_the_approved_final_report(self):
        concessione, user, staff, (anticipo, saldo) = accepted()
        pay(concessione, anticipo, staff)
        with pytest.raises(ValidationError, match="rendiconto finale"):
            pay(concessione, saldo, staff, mandato="M-2")
        rendiconto = complete_report(concessione, user)
        services.rendiconto_submit(rendiconto=rendiconto, actor=user)
        services.rendiconto_transition(rendiconto=rendiconto, to=Rendiconto.Stato.APPROVATO, actor=staff)
        with pytest.raises(ValidationError, match="restano da pagare|Restano da pagare"):
            services.concessione_close(concessione=concessione, actor=staff)
        assert pay(concessione, saldo, staff, mandato="M-2").importo == Decimal("6000.00")
        services.concessione_close(concessione=concessione, actor=staff)
        concessione.candidatura.refresh_from_db()
        assert concessione.candidatura.stato == Candidatura.Stato.CONCLUSA

    def test_a_tranche_is_never_paid_twice(self):
        concessione, _user, staff, (anticipo, _saldo) = accepted()
        pay(concessione, anticipo, staff, importo=Decimal("1500"))
        with pytest.raises(ValidationError, match="resta della tranche"):
            pay(concessione, anticipo, staff, importo=Decimal("3000"), mandato="M-2")
        pay(concessione, anticipo, staff, mandato="M-2")
        assert concessione.erogato() == Decimal("4000.00")
        with pytest.raises(ValidationError, match="pagata per intero"):
            pay(concessione, anticipo, staff, mandato="M-3")

    def test_payment_is_audited_and_notified(self):
        concessione, user, staff, (anticipo, _saldo) = accepted()
        pay(concessione, anticipo, staff)
        assert EventoAudit.objects.for_object(concessione).filter(evento="contributi.pagamento_registrato").exists()
        assert Messaggio.objects.filter(destinatario=user, tipo="pagamento").exists()

    def test_tranche_of_another_call_is_refused(self):
        concessione, _user, staff, _t = accepted()
        other, _u = financed_candidatura_set_by_queryset()
        (foreign, _s) = piano(other.bando)
        with pytest.raises(ValidationError) as error:
            pay(concessione, foreign, staff)
        assert "tranche" in error.value.message_dict


@pytest.mark.django_db
class TestReductionAndRevocation:
    def test_reduction_lowers_the_payable_amount_and_records_the_reason(self):
        concessione, user, staff, (anticipo, _saldo) = accepted()
        services.concessione_reduce(
            concessione=concessione, actor=staff, importo=Decimal("2000"), motivo="Spese non ammissibili"
        )
        concessione.refresh_from_db()
        assert concessione.importo_erogabile == Decimal("8000.00")
        assert "Spese non ammissibili" in concessione.motivo_riduzione
        assert pay(concessione, anticipo, staff).importo == Decimal("3200.00")
        assert Messaggio.objects.filter(
            destinatario=user, tipo="pagamento", oggetto__startswith="Contributo ridotto"
        ).exists()

    def test_reduction_below_what_was_paid_is_refused(self):
        concessione, _user, staff, (anticipo, _saldo) = accepted()
        pay(concessione, anticipo, staff)
        with pytest.raises(ValidationError, match="già pagato"):
            services.concessione_reduce(concessione=concessione, actor=staff, importo=Decimal("6500"), motivo="x")
        with pytest.raises(ValidationError) as error:
            services.concessione_reduce(concessione=concessione, actor=staff, importo=Decimal("100"), motivo="")
        assert "motivo" in error.value.message_dict

    def test_revocation_stops_payments(self):
        concessione, _user, staff, (anticipo, _saldo) = accepted()
        with pytest.raises(ValidationError, match="Scrivi la motivazione"):
            services.concessione_revoke(concessione=concessione, actor=staff, motivo="")
        services.concessione_revoke(concessione=concessione, actor=staff, motivo="Progetto non avviato.")
        concessione.refresh_from_db()
        assert concessione.candidatura.stato == Candidatura.Stato.REVOCATA
        assert concessione.importo_erogabile == 0 and concessione.motivo_revoca == "Progetto non avviato."
        with pytest.raises(ValidationError, match="revocato"):
            pay(concessione, anticipo, staff)

    def test_the_database_refuses_a_payment_on_a_revoked_award(self):
        concessione, _user, staff, (anticipo, _saldo) = accepted()
        services.concessione_revoke(concessione=concessione, actor=staff, motivo="Revoca.")
        with pytest.raises(IntegrityError, match="revocato"), transaction.atomic():
            Pagamento.objects.create(
                concessione=concessione,
                tranche=anticipo,
                data=TODAY,
                importo=1,
                numero_mandato="X",
                registrato_da=staff,
            )


@pytest.mark.django_db
class TestDatabaseCeiling:
    def test_a_raw_insert_above_the_grant_is_refused_by_the_database(self):
        concessione, _user, staff, (anticipo, saldo) = accepted()
        pay(concessione, anticipo, staff)
        with (
            pytest.raises(IntegrityError, match="superano il contributo erogabile"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(
                "INSERT INTO contributi_pagamento "
                "(concessione_id, tranche_id, data, importo, numero_mandato, registrato_da_id, registrato_il) "
                "VALUES (%s, %s, %s, %s, %s, %s, now())",
                [concessione.pk, saldo.pk, TODAY, Decimal("6000.01"), "RAW-1", staff.pk],
            )
        Pagamento.objects.create(
            concessione=concessione,
            tranche=saldo,
            data=TODAY,
            importo=Decimal("6000"),
            numero_mandato="RAW-2",
            registrato_da=staff,
        )
        assert concessione.erogato() == Decimal("10000.00")

    def test_a_raw_insert_before_publication_is_refused_by_the_database(self):
        concessione, _user, staff, (anticipo, _saldo) = accepted(published=False)
        with pytest.raises(IntegrityError, match="non pubblicata"), transaction.atomic():
            Pagamento.objects.create(
                concessione=concessione,
                tranche=anticipo,
                data=TODAY,
                importo=1,
                numero_mandato="X",
                registrato_da=staff,
            )

    def test_raising_a_payment_or_reducing_the_grant_below_the_payments_is_refused(self):
        concessione, _user, staff, (anticipo, _saldo) = accepted()
        pagamento = pay(concessione, anticipo, staff)
        with pytest.raises(IntegrityError, match="superano il contributo erogabile"), transaction.atomic():
            Pagamento.objects.filter(pk=pagamento.pk).update(importo=Decimal("10000.01"))
        with pytest.raises(IntegrityError, match="superano il contributo erogabile"), transaction.atomic():
            Concessione.objects.filter(pk=concessione.pk).update(riduzione=Decimal("6000.01"))


@pytest.mark.usefixtures("committed_db")
class TestConcurrentPayments:
    """Payments registered in parallel transactions never add up to more than the grant."""

    def _race(self, targets):
        barrier = threading.Barrier(len(targets), timeout=10)
        results = []

        def run(target):
            try:
                barrier.wait()
                target()
                results.append("ok")
            except (ValidationError, IntegrityError) as error:
                results.append(type(error).__name__)
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(t,)) for t in targets]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        return results

    def test_parallel_payments_through_the_service(self):
        concessione, _user, staff, (anticipo, _saldo) = accepted(importo=Decimal("10000"))

        def target(i):
            return lambda: pay(concessione, anticipo, staff, importo=Decimal("1500"), mandato=f"P-{i}")

        results = self._race([target(i) for i in range(5)])
        assert results.count("ok") == 2  # 2 × 1500 ≤ 4000 < 3 × 1500
        assert concessione.erogato() == Decimal("3000.00")

    def test_parallel_raw_inserts_are_serialised_by_the_trigger(self):
        concessione, _user, staff, (anticipo, saldo) = accepted(importo=Decimal("10000"))

        def target(i):
            def insert():
                with transaction.atomic():
                    Pagamento.objects.create(
                        concessione=concessione,
                        tranche=saldo,
                        data=TODAY,
                        importo=Decimal("3000"),
                        numero_mandato=f"R-{i}",
                        registrato_da=staff,
                    )

            return insert

        results = self._race([target(i) for i in range(6)])
        assert results.count("ok") == 3
        assert concessione.erogato() == Decimal("9000.00")
        assert concessione.erogato() <= concessione.importo_erogabile
