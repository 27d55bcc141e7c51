"""One class per rule of monitoraggio/permissions.py."""

import pytest
from django.contrib.auth.models import AnonymousUser

from monitoraggio import permissions
from monitoraggio.models import Report
from tests.contributi.factories_erogazioni import ConcessioneFactory
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory, UserFactory
from tests.monitoraggio.factories import MisurazioneFactory, ReportFactory

pytestmark = pytest.mark.django_db


class TestDownloadReport:
    def test_a_published_ready_report_is_public(self):
        report = ReportFactory(stato=Report.Stato.PRONTO, pubblicato=True)
        assert permissions.can_download_report(AnonymousUser(), report)

    def test_an_unpublished_report_is_for_staff(self):
        report = ReportFactory(stato=Report.Stato.PRONTO)
        assert not permissions.can_download_report(UserFactory(), report)
        assert permissions.can_download_report(StaffFactory(), report)


class TestValidateMeasurement:
    def test_staff_validate_values_of_others_only(self):
        staff = StaffFactory()
        assert permissions.can_validate_measurement(staff, MisurazioneFactory(inserita_da=UserFactory()))
        decision = permissions.can_validate_measurement(
            staff, MisurazioneFactory(inserita_da=staff, periodo_inizio="2026-10-01", periodo_fine="2026-10-31")
        )
        assert not decision and "inserito tu" in decision.reason

    def test_others_never(self):
        assert not permissions.can_validate_measurement(UserFactory(), MisurazioneFactory())


class TestEnterMeasurement:
    def test_the_verified_referente_of_the_funded_ente_enters_its_project_values(self):
        ente = EnteFactory(verified=True)
        concessione = ConcessioneFactory(candidatura__ente=ente)
        assert permissions.can_enter_measurement(MembershipFactory(ente=ente, verified=True).user, progetto=concessione)
        pending = MembershipFactory(ente=ente).user
        assert not permissions.can_enter_measurement(pending, progetto=concessione)
        assert not permissions.can_enter_measurement(UserFactory(), progetto=concessione)
        assert permissions.can_enter_measurement(StaffFactory())


class TestStaffDashboard:
    def test_only_staff(self):
        assert permissions.can_view_staff_dashboard(StaffFactory())
        assert not permissions.can_view_staff_dashboard(UserFactory())
        assert not permissions.can_view_staff_dashboard(AnonymousUser())
