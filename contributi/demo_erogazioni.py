"""Demo awards, payments and reports for the applications financed by a published ranking (idempotent).

Runs after the ranking demo: each FINANZIATA application of a concluded call gets its award, accepted by its
referente, published and paid the advance; the first one also reports, is paid the balance and is closed.
A second run finds every such application already started and changes nothing.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from contributi import services
from contributi.models import Bando, Candidatura, Concessione, Rendiconto, TrancheBando
from contributi.services.erogazioni import PIANO_PREDEFINITO
from costellazioni.demo import demo_pdf
from costellazioni.models import User

DEMO_CUP = "F79J24000990006"


def _plan(bando, staff):
    if not bando.tranche.exists():
        services.tranche_plan_set(bando=bando, actor=staff, tranche=PIANO_PREDEFINITO)


def _award(candidatura, staff, referente, *, today, oscura=False):
    concessione = services.concessione_accept(
        candidatura=candidatura,
        actor=referente,
        data_inizio=today - timedelta(days=60),
        data_fine=today + timedelta(days=300),
    )
    concessione = services.concessione_update(
        concessione=concessione,
        actor=staff,
        cup=candidatura.bando.cup or DEMO_CUP,
        responsabile="Dott.ssa Chiara Zanon",
        oscura_beneficiario=oscura,
    )
    concessione = services.concessione_publish(
        concessione=concessione, actor=staff, pubblicata_il=today - timedelta(days=55)
    )
    anticipo = candidatura.bando.tranche.get(condizione=TrancheBando.Condizione.AVVIO)
    services.pagamento_register(
        concessione=concessione,
        tranche=anticipo,
        actor=staff,
        data=today - timedelta(days=45),
        numero_mandato=f"DEMO-{candidatura.pk:05d}-1",
    )
    return concessione


def _report_and_close(concessione, staff, referente, *, today):
    rendiconto = services.rendiconto_start(concessione=concessione, actor=referente, tipo=Rendiconto.Tipo.FINALE)
    services.rendiconto_save(
        rendiconto=rendiconto,
        actor=referente,
        attivita_svolte=(
            "Aperto lo spazio tre pomeriggi a settimana da gennaio; 24 laboratori intergenerazionali; "
            "una festa di quartiere a giugno con le associazioni della rete."
        ),
        persone={"anziani": 64, "giovani": 22, "famiglie": 35, "volontari": 15},
    )
    for voce in concessione.candidatura.voci_budget.all():
        services.spesa_add(
            rendiconto=rendiconto,
            actor=referente,
            categoria=voce.categoria,
            descrizione=voce.descrizione,
            fornitore="Fornitore di esempio",
            data=today - timedelta(days=20),
            importo=voce.importo,
            uploaded=SimpleUploadedFile("fattura.pdf", demo_pdf("Fattura")),
        )
    services.rendiconto_submit(rendiconto=rendiconto, actor=referente)
    services.rendiconto_transition(rendiconto=rendiconto, to=Rendiconto.Stato.APPROVATO, actor=staff)
    saldo = concessione.candidatura.bando.tranche.get(condizione=TrancheBando.Condizione.RENDICONTO_FINALE)
    services.pagamento_register(
        concessione=concessione,
        tranche=saldo,
        actor=staff,
        data=today - timedelta(days=5),
        numero_mandato=f"DEMO-{concessione.candidatura_id:05d}-2",
    )
    services.concessione_close(concessione=concessione, actor=staff)


@transaction.atomic
def seed() -> None:
    staff = User.objects.get(email="staff@costellazioni.example")
    candidature = (
        Candidatura.objects.filter(
            stato=Candidatura.Stato.FINANZIATA,
            importo_concesso__isnull=False,
            bando__stato=Bando.Stato.CONCLUSO,
            concessione__isnull=True,
        )
        .select_related("bando", "ente")
        .order_by("pk")
    )
    today = timezone.localdate()
    one_closed = Concessione.objects.filter(candidatura__stato=Candidatura.Stato.CONCLUSA).exists()
    for index, candidatura in enumerate(candidature):
        referente = services.candidatura_referenti(candidatura).order_by("pk").first()
        if referente is None:
            continue
        _plan(candidatura.bando, staff)
        # The second award shows how a beneficiary is hidden (art. 26 c. 4): its code everywhere in public.
        concessione = _award(candidatura, staff, referente, today=today, oscura=index == 1)
        if not one_closed:
            _report_and_close(concessione, staff, referente, today=today)
            one_closed = True
