from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from contributi.models import AllegatoRichiesto, Bando, Candidatura, CriterioValutazione, VoceBudget
from tests.costellazioni.factories import EnteFactory, MembershipFactory, UserFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class BandoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bando
        skip_postgeneration_save = True

    titolo = factory.Sequence(lambda n: f"Bando Idee in Comune {n}")
    slug = factory.Sequence(lambda n: f"bando-{n}")
    linea = Bando.Linea.A
    sintesi = "Contributi per progetti di welfare generativo nei quartieri."
    descrizione = "Il Comune di Venezia sostiene progetti innovativi e sostenibili."
    budget_totale = Decimal("200000.00")
    contributo_minimo = Decimal("5000.00")
    contributo_massimo = Decimal("30000.00")
    cofinanziamento_percentuale = Decimal("10.00")
    apertura = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    chiusura = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    runts_obbligatorio = False

    class Params:
        published = factory.Trait(stato=Bando.Stato.PUBBLICATO, pubblicato_il=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def criteri(self, create, extracted, **kwargs):
        if create and extracted is not False and self.stato == Bando.Stato.BOZZA:
            CriterioValutazione.objects.create(
                bando=self, codice="A.1", titolo="Qualità del progetto", punteggio_massimo=40
            )
            CriterioValutazione.objects.create(bando=self, codice="A.2", titolo="Impatto sociale", punteggio_massimo=60)


def open_bando(**kwargs) -> Bando:
    """A published, open call with criteria and one required attachment, made as staff would."""
    bando = BandoFactory(**kwargs)
    AllegatoRichiesto.objects.create(bando=bando, nome="Statuto", obbligatorio=True)
    Bando.objects.filter(pk=bando.pk).update(stato=Bando.Stato.PUBBLICATO, pubblicato_il=timezone.now())
    bando.refresh_from_db()
    return bando


def referente(ente=None):
    """A user with a verified membership of a verified ente."""
    membership = MembershipFactory(ente=ente or EnteFactory(verified=True), verified=True)
    return membership.user, membership.ente


def complete_draft(*, bando, user, ente, now=None):
    """A draft with every step filled and the required attachments given, through the services."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from contributi import services

    c = services.candidatura_start(bando=bando, ente=ente, actor=user, now=now)
    c = services.candidatura_save_ente(
        candidatura=c,
        actor=user,
        dati={"denominazione": ente.denominazione, "codice_fiscale": ente.codice_fiscale},
        now=now,
    )
    c = services.candidatura_save_progetto(
        candidatura=c,
        actor=user,
        titolo="Cucine di quartiere",
        progetto={"sintesi": "Pasti condivisi."},
        quartieri=list(bando.quartieri.all()[:1]),
        partner=[{"denominazione": "Coop Laguna", "ruolo": "Formazione"}],
        now=now,
    )
    c = services.candidatura_save_budget(
        candidatura=c,
        actor=user,
        cofinanziamento=Decimal("2000"),
        voci=[
            {"categoria": "personale", "descrizione": "Educatore", "importo": Decimal("12000")},
            {"categoria": "beni", "descrizione": "Attrezzature", "importo": Decimal("3000")},
        ],
        now=now,
    )
    c = services.candidatura_save_impatto(candidatura=c, actor=user, impatto={"descrizione": "Più legami."}, now=now)
    for richiesto in bando.allegati_richiesti.all():
        services.allegato_upload(
            candidatura=c,
            actor=user,
            richiesto=richiesto,
            uploaded=SimpleUploadedFile("statuto.pdf", PDF_BYTES),
            now=now,
        )
    return c


class CandidaturaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidatura

    bando = factory.LazyFunction(open_bando)
    ente = factory.SubFactory(EnteFactory, verified=True)
    creata_da = factory.SubFactory(UserFactory)
    titolo = "Cucine di quartiere"


class VoceBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoceBudget

    candidatura = factory.SubFactory(CandidaturaFactory)
    categoria = VoceBudget.Categoria.PERSONALE
    descrizione = "Educatore"
    importo = Decimal("10000.00")
