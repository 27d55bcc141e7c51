"""Two exchanges confirmed at the same moment cannot together take a member past the negative limit."""

import threading
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection

from antenne import services
from tests.antenne.factories import SocioFactory


def test_concurrent_confirmations_respect_the_negative_limit(committed_db, settings):
    settings.BANCA_DEL_TEMPO_LIMITE_NEGATIVO = "3"
    beneficiario = SocioFactory()
    scambi = []
    for _ in range(2):
        erogatore = SocioFactory()
        scambi.append(
            services.scambio_propose(
                proposto_da=erogatore,
                erogatore=erogatore,
                beneficiario=beneficiario,
                ore=Decimal("2"),
                descrizione="Aiuto",
            )
        )
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm(scambio):
        try:
            barrier.wait()
            services.scambio_confirm(scambio=scambio, socio=beneficiario)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(s,)) for s in scambi]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert beneficiario.saldo() == Decimal("-2")
