from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from costellazioni import protocollo
from costellazioni.models import Protocollo

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")


def test_numbers_restart_each_calendar_year_in_rome_time():
    with transaction.atomic():
        last_2026 = protocollo.protocollo_register(oggetto="a", when=datetime(2026, 12, 31, 23, 59, 59, tzinfo=ROME))
        first_2027 = protocollo.protocollo_register(oggetto="b", when=datetime(2027, 1, 1, 0, 0, 1, tzinfo=ROME))
    assert last_2026.segnatura == "2026/000001"
    assert first_2027.segnatura == "2027/000001"


def test_rollback_gives_the_number_back():
    with pytest.raises(RuntimeError, match="rolled back on purpose"), transaction.atomic():
        protocollo.protocollo_register(oggetto="annullato")
        raise RuntimeError("rolled back on purpose")
    with transaction.atomic():
        assert protocollo.protocollo_register(oggetto="valido").numero == 1
    assert Protocollo.objects.count() == 1


class FakeRegister:
    def register(self, *, oggetto, riferimento, when):
        return protocollo.Registrazione(anno=when.year, numero=42, registrato_il=when, segnatura="EXT-42")


def test_backend_is_chosen_by_settings(settings):
    settings.PROTOCOLLO_BACKEND = "tests.contributi.test_protocollo.FakeRegister"
    assert protocollo.protocollo_register(oggetto="x").segnatura == "EXT-42"


def test_submission_with_an_external_protocollo(settings):
    from contributi import services
    from tests.contributi.factories import complete_draft, open_bando, referente

    settings.PROTOCOLLO_BACKEND = "tests.contributi.test_protocollo.FakeRegister"
    bando = open_bando()
    user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    c = services.candidatura_submit(candidatura=c, actor=user, veridicita=True, privacy=True)
    assert c.numero_protocollo == "EXT-42" and c.protocollo_id is None
