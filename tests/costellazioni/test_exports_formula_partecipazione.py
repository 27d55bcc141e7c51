"""Co-programming, monitoring and research exports, fed a title starting with ``=HYPERLINK(``, write no formula."""

import pytest
from django.urls import reverse

from coprogrammazione.models import ProtocolloIntesa
from ricerca import services as ricerca_services
from tests.coprogrammazione.factories import ImpegnoFactory, protocollo_with_parties
from tests.costellazioni.factories import StaffFactory
from tests.costellazioni.test_exports_formula import EVIL, assert_csv_safe, assert_xlsx_safe
from tests.monitoraggio.factories import IndicatoreFactory
from tests.ricerca.factories import questionario_completo

pytestmark = pytest.mark.django_db


def test_mou_register_csv(client):
    protocollo, parti = protocollo_with_parties(oggetto=EVIL)
    ImpegnoFactory(parte=parti[0], testo=EVIL)
    protocollo.parti.update(firmato_il=protocollo.data_inizio, firma_sha256="a" * 64, firma_versione=1)
    ProtocolloIntesa.objects.filter(pk=protocollo.pk).update(
        stato=ProtocolloIntesa.Stato.ATTIVO, versione=1, impronta="b" * 64
    )
    for dataset in ("protocolli", "impegni"):
        assert_csv_safe(client.get(reverse("coprogrammazione:esporta_csv", args=[dataset])))


def test_indicators_csv_and_xlsx(client):
    IndicatoreFactory(nome=EVIL, pubblico=True)
    assert_csv_safe(client.get(reverse("monitoraggio:indicatori_csv")))
    assert_xlsx_safe(client.get(reverse("monitoraggio:indicatori_xlsx")))


def test_survey_answers_csv_and_xlsx(client):
    questionario, domande = questionario_completo()
    compilazione = ricerca_services.questionario_start(questionario=questionario)
    ricerca_services.questionario_save(
        compilazione=compilazione,
        valori={domande["zona"].pk: "Lido", domande["sola"].pk: "Mai", domande["breve"].pk: EVIL},
        invia=True,
    )
    client.force_login(StaffFactory())
    assert_csv_safe(client.get(reverse("ricerca:risultati_csv", args=[questionario.slug])))
    assert_xlsx_safe(client.get(reverse("ricerca:risultati_xlsx", args=[questionario.slug])))
