from decimal import Decimal

import pytest

from contributi.models import Bando, Candidatura, DichiarazioneConflitto, Graduatoria, Valutazione

pytestmark = pytest.mark.django_db
S = Candidatura.Stato


def test_demo_has_a_call_under_evaluation_and_a_published_ranking_and_is_idempotent():
    from contributi import demo, demo_selezione
    from costellazioni import demo as core_demo

    core_demo.seed()
    demo.seed()  # the grants demo seeds the staff side too, then the awards of the funded projects
    demo_selezione.seed()

    in_valutazione = Bando.objects.get(slug="comunita-che-si-prendono-cura-2025")
    assert in_valutazione.stato == Bando.Stato.IN_VALUTAZIONE
    assert set(in_valutazione.candidature.values_list("stato", flat=True)) == {S.IN_VALUTAZIONE}
    assert Valutazione.objects.filter(candidatura__bando=in_valutazione).values("membro").distinct().count() == 2
    assert DichiarazioneConflitto.objects.filter(candidatura__bando=in_valutazione, conflitto=True).count() == 1

    concluso = Bando.objects.get(slug="vicini-di-casa-2025")
    assert concluso.stato == Bando.Stato.CONCLUSO
    assert concluso.graduatoria.stato == Graduatoria.Stato.PUBBLICATA
    esiti = dict(concluso.candidature.values_list("titolo", "stato"))
    assert esiti == {
        "Merende condivise in piazza": S.CONCLUSA,
        "Orti che curano": S.AVVIATA,
        "Cortili aperti": S.AVVIATA,
        "Biblioteca degli attrezzi": S.IDONEA_NON_FINANZIATA,
        "Cene di pianerottolo": S.NON_IDONEA,
    }
    assert concluso.candidature.get(titolo="Cortili aperti").importo_concesso == Decimal("10000.00")
    assert Bando.objects.filter(slug__in=["comunita-che-si-prendono-cura-2025", "vicini-di-casa-2025"]).count() == 2
