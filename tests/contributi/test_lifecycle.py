"""One call from the first submission to the final payment, through the services only, as staff, board and
applicants would go through it: every step of the procedure meets the others here."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from contributi import services
from contributi.models import Bando, Candidatura, Graduatoria, Rendiconto
from costellazioni.models import EventoAudit
from tests.contributi.factories import PDF_BYTES, board, close_bando, complete_draft, open_bando, referente, score
from tests.contributi.factories_erogazioni import complete_report, piano

pytestmark = pytest.mark.django_db
S = Candidatura.Stato


def _states(candidatura) -> list[str]:
    events = EventoAudit.objects.for_object(candidatura).exclude(stato_a="").order_by("pk")
    return [event.stato_a for event in events]


def test_from_submission_to_final_payment(staff_user):
    bando = open_bando(budget_totale=Decimal("40000"), contributo_minimo=Decimal("5000"))
    tranche_anticipo, tranche_saldo = piano(bando)

    # Two enti apply while the call is open.
    alfa_user, alfa_ente = referente()
    beta_user, beta_ente = referente()
    alfa = complete_draft(bando=bando, user=alfa_user, ente=alfa_ente)
    alfa = services.candidatura_submit(candidatura=alfa, actor=alfa_user, veridicita=True, privacy=True)
    beta = complete_draft(bando=bando, user=beta_user, ente=beta_ente)
    beta = services.candidatura_submit(candidatura=beta, actor=beta_user, veridicita=True, privacy=True)
    bando = close_bando(bando)

    # Istruttoria on the call's default checklist: alfa is asked for a document and answers in time; both are
    # admissible once every item is checked.
    services.checklist_generate(bando=bando, actor=staff_user)
    for c in (alfa, beta):
        services.istruttoria_start(candidatura=c, actor=staff_user)
    richiesta = services.integrazioni_request(
        candidatura=alfa,
        actor=staff_user,
        testo="Manca il preventivo firmato.",
        scadenza=timezone.now() + timedelta(days=10),
    )
    services.integrazioni_reply(
        richiesta=richiesta,
        actor=alfa_user,
        risposta="Ecco il preventivo firmato.",
        files=[SimpleUploadedFile("preventivo.pdf", PDF_BYTES)],
    )
    risposte = {v.pk: (True, "Verificato sui documenti.") for v in bando.checklist.all()}
    for c in (alfa, beta):
        services.checklist_save(candidatura=c, actor=staff_user, risposte=risposte)
    alfa = services.istruttoria_ammissibile(candidatura=alfa, actor=staff_user)
    beta = services.istruttoria_ammissibile(candidatura=beta, actor=staff_user)

    # The board: the second member has a conflict with beta, so only the president scores it.
    presidente, membro = board(bando, size=2)
    for c in (alfa, beta):
        services.assegnazione_all(candidatura=c, actor=staff_user)
        services.valutazione_start(candidatura=c, actor=staff_user)
    services.conflitto_declare(candidatura=alfa, actor=presidente.utente, conflitto=False)
    services.conflitto_declare(candidatura=beta, actor=presidente.utente, conflitto=False)
    services.conflitto_declare(candidatura=alfa, actor=membro.utente, conflitto=False)
    services.conflitto_declare(candidatura=beta, actor=membro.utente, conflitto=True, nota="Socio dell'ente.")
    with pytest.raises(PermissionDenied, match="Hai dichiarato un conflitto di interessi"):
        score(beta, membro, [30, 40])
    score(alfa, presidente, [35, 50])
    score(alfa, membro, [33, 48])
    score(beta, presidente, [30, 40])
    alfa = services.valutazione_conclude(candidatura=alfa, actor=staff_user)
    beta = services.valutazione_conclude(candidatura=beta, actor=staff_user)

    # Ranking: computed, approved with the determina, published.
    graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
    graduatoria = services.graduatoria_approve(
        graduatoria=graduatoria, actor=staff_user, determina_numero="DD 2026/512", determina_data=date(2026, 11, 20)
    )
    graduatoria = services.graduatoria_publish(graduatoria=graduatoria, actor=staff_user)
    assert graduatoria.stato == Graduatoria.Stato.PUBBLICATA
    alfa.refresh_from_db()
    beta.refresh_from_db()
    assert (alfa.stato, beta.stato) == (S.FINANZIATA, S.FINANZIATA)
    assert alfa.importo_concesso == alfa.importo_richiesto

    # Award: alfa accepts, staff complete and publish it, the advance is paid.
    concessione = services.concessione_accept(
        candidatura=alfa, actor=alfa_user, data_inizio=date(2027, 1, 11), data_fine=date(2027, 12, 20)
    )
    concessione = services.concessione_update(concessione=concessione, actor=staff_user, cup="F79J26000120006")
    with pytest.raises(ValidationError, match="non è ancora pubblicata"):
        services.pagamento_register(
            concessione=concessione,
            tranche=tranche_anticipo,
            actor=staff_user,
            data=date(2027, 1, 20),
            numero_mandato="1",
        )
    concessione = services.concessione_publish(concessione=concessione, actor=staff_user)
    anticipo = services.pagamento_register(
        concessione=concessione,
        tranche=tranche_anticipo,
        actor=staff_user,
        data=date(2027, 1, 20),
        numero_mandato="118",
    )
    assert anticipo.importo == (alfa.importo_concesso * Decimal("0.40")).quantize(Decimal("0.01"))

    # The final report: submitted, approved, then the balance and the closing.
    rendiconto = complete_report(concessione, alfa_user, importo=Decimal("12000"))
    rendiconto = services.rendiconto_submit(rendiconto=rendiconto, actor=alfa_user)
    alfa.refresh_from_db()
    assert alfa.stato == S.RENDICONTATA
    services.rendiconto_transition(rendiconto=rendiconto, to=Rendiconto.Stato.APPROVATO, actor=staff_user)
    saldo = services.pagamento_register(
        concessione=concessione, tranche=tranche_saldo, actor=staff_user, data=date(2028, 2, 1), numero_mandato="407"
    )
    services.concessione_close(concessione=concessione, actor=staff_user)

    alfa.refresh_from_db()
    assert alfa.stato == S.CONCLUSA
    assert anticipo.importo + saldo.importo == alfa.importo_concesso
    with pytest.raises(ValidationError, match="già stata pagata per intero"):
        services.pagamento_register(
            concessione=concessione,
            tranche=tranche_saldo,
            actor=staff_user,
            data=date(2028, 2, 2),
            numero_mandato="408",
        )
    assert _states(alfa) == [
        S.BOZZA,
        S.PRESENTATA,
        S.IN_ISTRUTTORIA,
        S.INTEGRAZIONI_RICHIESTE,
        S.IN_ISTRUTTORIA,
        S.AMMISSIBILE,
        S.IN_VALUTAZIONE,
        S.VALUTATA,
        S.FINANZIATA,
        S.AVVIATA,
        S.RENDICONTATA,
        S.CONCLUSA,
    ]
    bando.refresh_from_db()
    assert bando.stato == Bando.Stato.CONCLUSO
