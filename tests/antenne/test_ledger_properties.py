"""Property test of the time bank's ledger: any sequence of exchanges keeps the books right."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from antenne import services
from antenne.models import MovimentoBancaDelTempo, SocioBancaDelTempo
from tests.antenne.factories import SocioFactory
from tests.costellazioni.factories import StaffFactory

pytestmark = pytest.mark.django_db

MEMBERS = 4
LIMIT = Decimal("5")

exchange = st.tuples(
    st.integers(0, MEMBERS - 1),
    st.integers(0, MEMBERS - 1),
    st.integers(1, 16).map(lambda quarters: Decimal(quarters) / 4),  # 0.25 … 4 hours
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exchanges=st.lists(exchange, min_size=1, max_size=12), starting=st.sampled_from(["0", "2"]))
def test_any_sequence_of_exchanges_keeps_the_books(django_settings_for_ledger, exchanges, starting):
    django_settings_for_ledger.BANCA_DEL_TEMPO_CREDITO_INIZIALE = starting
    django_settings_for_ledger.BANCA_DEL_TEMPO_LIMITE_NEGATIVO = str(LIMIT)
    with transaction.atomic():  # one example, rolled back at the end
        coordinatore = StaffFactory()
        soci = [
            services.socio_verify(socio=SocioFactory(stato=SocioBancaDelTempo.Stato.IN_ATTESA), actor=coordinatore)
            for _ in range(MEMBERS)
        ]
        expected = {socio.pk: Decimal(starting) for socio in soci}
        for giver, receiver, ore in exchanges:
            if giver == receiver:
                continue
            erogatore, beneficiario = soci[giver], soci[receiver]
            scambio = services.scambio_propose(
                proposto_da=erogatore, erogatore=erogatore, beneficiario=beneficiario, ore=ore, descrizione="Aiuto"
            )
            if expected[beneficiario.pk] - ore < -LIMIT:
                with pytest.raises(ValidationError, match="oltre il limite di 5"):
                    services.scambio_confirm(scambio=scambio, socio=beneficiario)
                continue
            services.scambio_confirm(scambio=scambio, socio=beneficiario)
            expected[erogatore.pk] += ore
            expected[beneficiario.pk] -= ore

        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred sum-to-zero check runs now
        assert (MovimentoBancaDelTempo.objects.aggregate(t=Sum("ore"))["t"] or 0) == 0
        for socio in soci:
            balance = socio.saldo()
            assert balance == expected[socio.pk]
            assert balance >= -LIMIT
        registrazioni = MovimentoBancaDelTempo.objects.values("registrazione").annotate(t=Sum("ore"))
        assert all(row["t"] == 0 for row in registrazioni)
        transaction.set_rollback(True)


@pytest.fixture
def django_settings_for_ledger(settings):
    return settings
