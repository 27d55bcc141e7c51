"""``antenne.services.banca_registro``: the ledger sums to zero, is append-only and is corrected by new entries."""

import uuid
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from antenne import services
from antenne.models import MovimentoBancaDelTempo
from tests.antenne.factories import SocioFactory

pytestmark = pytest.mark.django_db


class TestRegistro:
    def test_ledger_is_append_only(self):
        anna, bruno = SocioFactory(), SocioFactory()
        scambio = services.scambio_propose(
            proposto_da=anna, erogatore=anna, beneficiario=bruno, ore=Decimal("1"), descrizione="Compagnia"
        )
        services.scambio_confirm(scambio=scambio, socio=bruno)
        movimento = MovimentoBancaDelTempo.objects.first()
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            MovimentoBancaDelTempo.objects.filter(pk=movimento.pk).update(ore=5)

    def test_database_refuses_an_unbalanced_registrazione(self):
        socio = SocioFactory()
        with pytest.raises(IntegrityError, match="sum to zero"), transaction.atomic():
            MovimentoBancaDelTempo.objects.create(
                registrazione=uuid.uuid4(), socio=socio, tipo="correzione", ore=5, causale="A mano"
            )
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def test_correction_is_a_new_balanced_entry(self, staff_user):
        socio = SocioFactory()
        services.movimento_correct(socio=socio, ore=Decimal("1.5"), causale="Ore non registrate", actor=staff_user)
        assert socio.saldo() == Decimal("1.5")
        assert sum(MovimentoBancaDelTempo.objects.values_list("ore", flat=True)) == 0
