"""Factories for the award stage: a financed application made directly, then award, plan, payments via services."""

from datetime import date
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from contributi import services
from contributi.models import Candidatura, Concessione, TrancheBando
from tests.contributi.factories import PDF_BYTES, CandidaturaFactory, complete_draft, open_bando, referente
from tests.costellazioni.factories import StaffFactory
from tests.files import image_bytes

PNG_BYTES = image_bytes("PNG")  # a real image: uploads are decoded


def financed_candidatura_set_by_queryset(*, importo=Decimal("10000.00"), bando=None, user=None, ente=None):
    """A submitted application set straight to FINANZIATA with ``importo_concesso`` (the ranking's job)."""
    bando = bando or open_bando()
    if user is None:
        user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    c = services.candidatura_submit(candidatura=c, actor=user, veridicita=True, privacy=True)
    Candidatura.objects.filter(pk=c.pk).update(stato=Candidatura.Stato.FINANZIATA, importo_concesso=importo)
    c.refresh_from_db()
    return c, user


def piano(bando, *spec):
    """The call's tranche plan: default advance 40% at start, balance 60% after the final report."""
    spec = spec or (
        ("Anticipo", Decimal("40"), TrancheBando.Condizione.AVVIO),
        ("Saldo", Decimal("60"), TrancheBando.Condizione.RENDICONTO_FINALE),
    )
    return [
        TrancheBando.objects.create(bando=bando, ordine=i, nome=n, percentuale=p, condizione=c)
        for i, (n, p, c) in enumerate(spec, start=1)
    ]


def accepted(*, importo=Decimal("10000.00"), published=True, staff=None, **kwargs):
    """Financed, plan set, accepted by the referente and (by default) published by staff."""
    c, user = financed_candidatura_set_by_queryset(importo=importo, **kwargs)
    tranche = piano(c.bando)
    concessione = services.concessione_accept(
        candidatura=c, actor=user, data_inizio=date(2027, 1, 1), data_fine=date(2027, 12, 31)
    )
    staff = staff or StaffFactory()
    concessione = services.concessione_update(concessione=concessione, actor=staff, cup="F79J25000120006")
    if published:
        concessione = services.concessione_publish(concessione=concessione, actor=staff)
    return concessione, user, staff, tranche


def receipt(name="fattura.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content)


def complete_report(concessione, user, *, tipo="finale", importo=Decimal("3000")):
    rendiconto = services.rendiconto_start(concessione=concessione, actor=user, tipo=tipo)
    services.rendiconto_save(
        rendiconto=rendiconto,
        actor=user,
        attivita_svolte="Laboratori di cucina per 40 famiglie.",
        persone={"anziani": 25, "famiglie": 40},
    )
    services.spesa_add(
        rendiconto=rendiconto,
        actor=user,
        categoria="personale",
        descrizione="Educatore, gennaio-giugno",
        data=date(2027, 6, 30),
        importo=importo,
        uploaded=receipt(),
    )
    return rendiconto


class ConcessioneFactory(factory.django.DjangoModelFactory):
    """An award row made directly (no procedure behind it): for lists and the transparency pages."""

    class Meta:
        model = Concessione

    candidatura = factory.SubFactory(CandidaturaFactory, titolo=factory.Sequence(lambda n: f"Progetto di comunità {n}"))
    importo = Decimal("10000.00")
    cup = "F79J25000120006"
    norma = "Art. 12 L. 241/1990; bando Idee in Comune"
    ufficio = "Servizio Welfare di comunità"
    responsabile = "Dott.ssa Maria Rossi"
    modalita_individuazione = "Procedura comparativa a evidenza pubblica"

    class Params:
        published = factory.Trait(pubblicata_il=date(2027, 1, 15))
