"""Ranking: ties, threshold with preavviso, budget cut with and without partial funding, approval, publication, PDF."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from contributi import services
from contributi.models import Bando, Candidatura, Graduatoria, PosizioneGraduatoria, Preavviso, RegoleSelezione
from costellazioni.models import Messaggio
from tests.contributi.factories import board, close_bando, evaluated, open_bando, referente

pytestmark = pytest.mark.django_db
S = Candidatura.Stato
E = PosizioneGraduatoria.Esito


def _bando(budget="50000", soglia="50", spareggio="A.2", parziale=True, minimo="5000"):
    bando = open_bando(budget_totale=Decimal(budget), contributo_minimo=Decimal(minimo))
    # The rules are fixed before the call opens: record them while it is still a draft.
    Bando.objects.filter(pk=bando.pk).update(stato=Bando.Stato.BOZZA)
    bando.refresh_from_db()
    RegoleSelezione.objects.create(
        bando=bando,
        soglia_minima=Decimal(soglia),
        criterio_spareggio=bando.criteri.get(codice=spareggio) if spareggio else None,
        finanziamento_parziale=parziale,
    )
    Bando.objects.filter(pk=bando.pk).update(stato=Bando.Stato.PUBBLICATO, pubblicato_il=timezone.now())
    return close_bando(bando)


def _rows(graduatoria):
    return [(p.candidatura.titolo, p.posizione, p.esito, p.importo_concesso) for p in graduatoria.posizioni.for_list()]


class TestCompute:
    def test_order_ties_threshold_and_partial_funding(self, staff_user):
        bando = _bando(budget="50000", soglia="50")
        membri = board(bando, size=2)
        # average totals: alfa 80, beta 70 (A.2 = 45), gamma 70 (A.2 = 40), delta 70 (A.2 = 45, submitted later),
        # epsilon 40 (below threshold)
        evaluated(bando, staff=staff_user, membri=membri, points=[[40, 40], [40, 40]], titolo="alfa")
        evaluated(bando, staff=staff_user, membri=membri, points=[[25, 45], [25, 45]], titolo="beta")
        evaluated(bando, staff=staff_user, membri=membri, points=[[30, 40], [30, 40]], titolo="gamma")
        evaluated(bando, staff=staff_user, membri=membri, points=[[25, 45], [25, 45]], titolo="delta")
        evaluated(bando, staff=staff_user, membri=membri, points=[[20, 20], [20, 20]], titolo="epsilon")
        graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
        assert graduatoria.stato == Graduatoria.Stato.PROVVISORIA
        assert _rows(graduatoria) == [
            ("alfa", 1, E.FINANZIATA, Decimal("20000.00")),
            ("beta", 2, E.FINANZIATA, Decimal("20000.00")),
            ("delta", 3, E.FINANZIATA_PARZIALMENTE, Decimal("10000.00")),
            ("gamma", 4, E.IDONEA_NON_FINANZIATA, None),
            ("epsilon", None, E.NON_IDONEA, None),
        ]
        epsilon = Candidatura.objects.get(titolo="epsilon", bando=bando)
        preavviso = epsilon.preavvisi.get()
        assert preavviso.fase == Preavviso.Fase.VALUTAZIONE and "soglia" in preavviso.motivi

    def test_without_partial_funding_the_cut_is_clean(self, staff_user):
        bando = _bando(budget="50000", soglia="0", spareggio=None, parziale=False)
        membri = board(bando, size=1)
        for titolo, punti in [("uno", [40, 60]), ("due", [35, 55]), ("tre", [30, 50])]:
            evaluated(bando, staff=staff_user, membri=membri, points=[punti], titolo=titolo)
        graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
        assert [r[2] for r in _rows(graduatoria)] == [E.FINANZIATA, E.FINANZIATA, E.IDONEA_NON_FINANZIATA]

    def test_a_remainder_below_the_minimum_contribution_funds_nobody(self, staff_user):
        bando = _bando(budget="43000", soglia="0", spareggio=None, parziale=True, minimo="5000")
        membri = board(bando, size=1)
        for titolo, punti in [("uno", [40, 60]), ("due", [35, 55]), ("tre", [30, 50])]:
            evaluated(bando, staff=staff_user, membri=membri, points=[punti], titolo=titolo)
        graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
        assert [r[2] for r in _rows(graduatoria)][2] == E.IDONEA_NON_FINANZIATA

    def test_earlier_submission_breaks_a_full_tie(self, staff_user):
        bando = _bando(soglia="0")
        membri = board(bando, size=1)
        late = evaluated(bando, staff=staff_user, membri=membri, points=[[30, 30]], titolo="tardi")
        early = evaluated(bando, staff=staff_user, membri=membri, points=[[30, 30]], titolo="presto")
        Candidatura.objects.filter(pk=early.pk).update(presentata_il=late.presentata_il - timedelta(hours=1))
        graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
        assert [r[0] for r in _rows(graduatoria)] == ["presto", "tardi"]

    def test_refused_while_applications_are_still_under_review(self, staff_user):
        from tests.contributi.factories import SubmittedCandidaturaFactory

        bando = _bando()
        membri = board(bando, size=1)
        evaluated(bando, staff=staff_user, membri=membri, points=[[30, 30]])
        SubmittedCandidaturaFactory(bando=bando)
        with pytest.raises(ValidationError, match="1 candidatura non ha ancora concluso istruttoria e valutazione"):
            services.graduatoria_compute(bando=bando, actor=staff_user)


@pytest.fixture
def ranked(staff_user):
    bando = _bando(budget="30000", soglia="50", parziale=True)
    membri = board(bando, size=1)
    evaluated(bando, staff=staff_user, membri=membri, points=[[40, 50]], titolo="prima")
    user, ente = referente()
    evaluated(bando, staff=staff_user, membri=membri, points=[[30, 40]], titolo="seconda", ente=ente)
    evaluated(bando, staff=staff_user, membri=membri, points=[[25, 40]], titolo="terza", importo=Decimal("5000"))
    evaluated(bando, staff=staff_user, membri=membri, points=[[10, 10]], titolo="sotto")
    return bando, services.graduatoria_compute(bando=bando, actor=staff_user), user


class TestApproveAndPublish:
    def test_approval_waits_for_the_preavviso(self, staff_user, ranked):
        _bando, graduatoria, _user = ranked
        with pytest.raises(ValidationError, match="preavviso"):
            services.graduatoria_approve(
                graduatoria=graduatoria, actor=staff_user, determina_numero="123", determina_data=date.today()
            )

    def test_publication_sets_every_outcome(self, staff_user, ranked):
        bando, graduatoria, user = ranked
        preavviso = Preavviso.objects.get(candidatura__titolo="sotto", candidatura__bando=bando)
        services.preavviso_decide(
            preavviso=preavviso,
            actor=staff_user,
            esito=Preavviso.Esito.CONFERMATO,
            considerazioni="",
            now=preavviso.scadenza + timedelta(minutes=1),
        )
        with pytest.raises(ValidationError, match="approvata"):
            services.graduatoria_publish(graduatoria=graduatoria, actor=staff_user)
        graduatoria = services.graduatoria_approve(
            graduatoria=graduatoria, actor=staff_user, determina_numero="DD 2026/417", determina_data=date(2026, 11, 20)
        )
        with pytest.raises(ValidationError, match="non si ricalcola"):
            services.graduatoria_compute(bando=bando, actor=staff_user)
        services.graduatoria_publish(graduatoria=graduatoria, actor=staff_user)
        stati = dict(Candidatura.objects.filter(bando=bando).values_list("titolo", "stato"))
        assert stati == {
            "prima": S.FINANZIATA,
            "seconda": S.FINANZIATA,
            "terza": S.IDONEA_NON_FINANZIATA,
            "sotto": S.NON_IDONEA,
        }
        seconda = Candidatura.objects.get(bando=bando, titolo="seconda")
        assert seconda.importo_concesso == Decimal("10000.00")  # partial: what was left of 30,000
        bando.refresh_from_db()
        assert bando.stato == Bando.Stato.CONCLUSO
        messaggio = Messaggio.objects.get(destinatario=user, testo__contains="DD 2026/417")
        assert "10.000,00 €" in messaggio.testo and "finanziata" in messaggio.testo

    def test_approval_needs_the_determina(self, staff_user, ranked):
        _bando, graduatoria, _user = ranked
        with pytest.raises(ValidationError, match="determina"):
            services.graduatoria_approve(
                graduatoria=graduatoria, actor=staff_user, determina_numero="", determina_data=None
            )

    def test_the_pdf_lists_the_ranking(self, ranked):
        _bando, graduatoria, _user = ranked
        pdf = services.graduatoria_render_pdf(graduatoria=graduatoria)
        assert pdf.startswith(b"%PDF-")
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())
        for titolo in ("prima", "seconda", "terza", "sotto"):
            assert titolo in text
        assert "Non idonea" in text and "Finanziata parzialmente" in text


def test_accepted_observations_reopen_the_evaluation(staff_user, ranked):
    bando, graduatoria, _user = ranked
    preavviso = Preavviso.objects.get(candidatura__titolo="sotto", candidatura__bando=bando)
    services.preavviso_decide(
        preavviso=preavviso,
        actor=staff_user,
        esito=Preavviso.Esito.SUPERATO,
        considerazioni="Il criterio A.2 era stato applicato in modo errato.",
        now=preavviso.scadenza + timedelta(minutes=1),
    )
    with pytest.raises(ValidationError, match="accolte"):
        services.graduatoria_approve(
            graduatoria=graduatoria, actor=staff_user, determina_numero="1", determina_data=date.today()
        )
    c = services.valutazione_reopen(candidatura=preavviso.candidatura, actor=staff_user, note="Osservazioni accolte.")
    assert c.stato == S.IN_VALUTAZIONE
    assert not c.valutazioni.filter(inviata_il__isnull=False).exists()
