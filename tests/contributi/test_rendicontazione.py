"""Reports: drafts, people reached, expenses with receipts, variance against the budget, review by staff."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from contributi import services
from contributi.models import Candidatura, PersoneRaggiunte, Rendiconto, TrancheBando
from costellazioni.models import EventoAudit, Messaggio
from tests.contributi.factories import referente
from tests.contributi.factories_erogazioni import PNG_BYTES, accepted, complete_report, receipt

pytestmark = pytest.mark.django_db
R = Rendiconto.Stato


def add_expense(rendiconto, user, *, categoria="beni", importo=Decimal("500"), uploaded=None, data=date(2027, 3, 1)):
    return services.spesa_add(
        rendiconto=rendiconto,
        actor=user,
        categoria=categoria,
        descrizione="Attrezzature",
        data=data,
        importo=importo,
        uploaded=uploaded or receipt(),
    )


class TestDraft:
    def test_people_reached_are_stored_as_numbers_per_category(self):
        concessione, user, _staff, _t = accepted()
        rendiconto = complete_report(concessione, user)
        assert dict(rendiconto.persone_raggiunte.values_list("categoria", "numero")) == {"anziani": 25, "famiglie": 40}
        services.rendiconto_save(
            rendiconto=rendiconto, actor=user, attivita_svolte="Di più.", persone={"anziani": 30, "famiglie": 0}
        )
        assert list(PersoneRaggiunte.objects.values_list("categoria", "numero")) == [("anziani", 30)]

    def test_receipts_are_checked_by_content(self):
        concessione, user, _staff, _t = accepted()
        rendiconto = services.rendiconto_start(concessione=concessione, actor=user, tipo="intermedio")
        with pytest.raises(ValidationError, match="non è un PDF"):
            add_expense(rendiconto, user, uploaded=receipt("fattura.pdf", b"MZ\x90\x00 not a pdf"))
        spesa = add_expense(rendiconto, user, uploaded=receipt("scontrino.png", PNG_BYTES))
        assert spesa.content_type == "image/png" and spesa.giustificativo.name.endswith(".png")

    @pytest.mark.parametrize("data", [date(2026, 12, 31), date(2028, 1, 1)])
    def test_expenses_outside_the_project_period_are_refused_next_to_the_date(self, data):
        concessione, user, _staff, _tranche = accepted()  # the project runs through 2027
        rendiconto = services.rendiconto_start(concessione=concessione, actor=user, tipo="intermedio")
        with pytest.raises(ValidationError) as exc:
            add_expense(rendiconto, user, data=data)
        assert "periodo del progetto" in exc.value.message_dict["data"][0]
        assert not rendiconto.spese.exists()
        add_expense(rendiconto, user, data=date(2027, 12, 31))
        assert rendiconto.spese.count() == 1

    def test_one_draft_per_type_and_one_final_report(self):
        concessione, user, _staff, _t = accepted()
        first = services.rendiconto_start(concessione=concessione, actor=user, tipo="finale")
        assert services.rendiconto_start(concessione=concessione, actor=user, tipo="finale") == first

    def test_another_ente_cannot_write_the_report(self):
        concessione, user, _staff, _t = accepted()
        rendiconto = services.rendiconto_start(concessione=concessione, actor=user, tipo="intermedio")
        other, _ente = referente()
        with pytest.raises(PermissionDenied, match="rappresentanza per questo ente"):
            services.rendiconto_save(rendiconto=rendiconto, actor=other, attivita_svolte="x", persone={})
        with pytest.raises(PermissionDenied, match="rappresentanza per questo ente"):
            services.rendiconto_start(concessione=concessione, actor=other, tipo="intermedio")


class TestVariance:
    def test_variance_per_budget_line_counts_this_and_submitted_reports_only(self):
        concessione, user, staff, _t = accepted()
        intermedio = complete_report(concessione, user, tipo="intermedio", importo=Decimal("5000"))
        services.rendiconto_submit(rendiconto=intermedio, actor=user)
        finale = complete_report(concessione, user, tipo="finale", importo=Decimal("6000"))
        add_expense(finale, user, categoria="beni", importo=Decimal("3300"))
        rows = {r["categoria"]: r for r in finale.scostamenti()}
        # budget (factories.complete_draft): personale 12000, beni 3000
        assert rows["Personale"]["preventivo"] == Decimal("12000")
        assert rows["Personale"]["speso"] == Decimal("11000")
        assert rows["Personale"]["scostamento"] == Decimal("-1000")
        assert rows["Beni e attrezzature"]["scostamento"] == Decimal("300")
        assert rows["Beni e attrezzature"]["percentuale"] == Decimal("110.0")
        assert "Servizi" not in rows
        # the final draft is not counted in the intermediate report's variance
        assert {r["categoria"]: r["speso"] for r in intermedio.scostamenti()}["Personale"] == Decimal("5000")


class TestSubmitAndReview:
    def test_incomplete_report_is_refused_with_every_reason(self):
        concessione, user, _staff, _t = accepted()
        rendiconto = services.rendiconto_start(concessione=concessione, actor=user, tipo="finale")
        with pytest.raises(ValidationError) as error:
            services.rendiconto_submit(rendiconto=rendiconto, actor=user)
        assert len(error.value.messages) == 3

    def test_final_report_moves_the_project_to_rendicontata_and_is_then_read_only(self):
        concessione, user, _staff, _t = accepted()
        rendiconto = services.rendiconto_submit(rendiconto=complete_report(concessione, user), actor=user)
        assert rendiconto.stato == R.PRESENTATO and rendiconto.presentato_da == user
        assert Candidatura.objects.get(pk=concessione.candidatura_id).stato == Candidatura.Stato.RENDICONTATA
        assert EventoAudit.objects.for_object(rendiconto).filter(stato_a="presentato").exists()
        with pytest.raises(PermissionDenied, match="presentato"):
            add_expense(rendiconto, user)

    def test_changes_requested_need_a_note_and_reopen_the_final_report(self):
        concessione, user, staff, _t = accepted()
        rendiconto = services.rendiconto_submit(rendiconto=complete_report(concessione, user), actor=user)
        with pytest.raises(ValidationError, match="Scrivi la motivazione"):
            services.rendiconto_transition(rendiconto=rendiconto, to=R.MODIFICHE_RICHIESTE, actor=staff, note="")
        services.rendiconto_transition(
            rendiconto=rendiconto, to=R.MODIFICHE_RICHIESTE, actor=staff, note="Manca la fattura di marzo."
        )
        rendiconto.refresh_from_db()
        assert rendiconto.nota_esame == "Manca la fattura di marzo."
        assert Candidatura.objects.get(pk=concessione.candidatura_id).stato == Candidatura.Stato.AVVIATA
        assert Messaggio.objects.filter(destinatario=user, testo__contains="Manca la fattura").exists()
        add_expense(rendiconto, user)
        services.rendiconto_submit(rendiconto=rendiconto, actor=user)
        services.rendiconto_transition(rendiconto=rendiconto, to=R.APPROVATO, actor=staff)
        assert Rendiconto.objects.get(pk=rendiconto.pk).stato == R.APPROVATO

    def test_the_referente_cannot_approve(self):
        concessione, user, _staff, _t = accepted()
        rendiconto = services.rendiconto_submit(rendiconto=complete_report(concessione, user), actor=user)
        with pytest.raises(PermissionDenied, match="Non hai i permessi"):
            services.rendiconto_transition(rendiconto=rendiconto, to=R.APPROVATO, actor=user)

    def test_approved_intermediate_report_unlocks_the_intermediate_tranche(self):
        concessione, user, staff, (anticipo, saldo) = accepted()
        TrancheBando.objects.filter(pk=anticipo.pk).update(percentuale=30)
        TrancheBando.objects.filter(pk=saldo.pk).update(percentuale=40, ordine=3)
        intermedia = TrancheBando.objects.create(
            bando=anticipo.bando, ordine=2, nome="Intermedia", percentuale=30, condizione="rendiconto_intermedio"
        )
        args = {"concessione": concessione, "actor": staff, "data": date(2027, 6, 1)}
        with pytest.raises(ValidationError, match="rendiconto intermedio"):
            services.pagamento_register(tranche=intermedia, numero_mandato="I-1", **args)
        rendiconto = services.rendiconto_submit(
            rendiconto=complete_report(concessione, user, tipo="intermedio"), actor=user
        )
        services.rendiconto_transition(rendiconto=rendiconto, to=R.APPROVATO, actor=staff)
        assert services.pagamento_register(tranche=intermedia, numero_mandato="I-1", **args).importo == Decimal(
            "3000.00"
        )
