from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from contributi.models import AllegatoRichiesto, Bando, Candidatura, CriterioValutazione, VoceBudget
from tests.costellazioni.factories import EnteFactory, MembershipFactory, UserFactory
from tests.files import PDF_BYTES  # a real PDF: uploads are parsed

__all__ = ["PDF_BYTES"]


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


# --- staff side: istruttoria, board, ranking (part 2) ----------------------------------------------


def close_bando(bando, *, days_ago=1) -> Bando:
    """Move a call's dates into the past, as if its deadline had passed ``days_ago`` days ago."""
    now = timezone.now()
    Bando.objects.filter(pk=bando.pk).update(
        apertura=now - timedelta(days=days_ago + 30),
        chiusura=now - timedelta(days=days_ago),
        termine=now - timedelta(days=days_ago),
    )
    bando.refresh_from_db()
    return bando


def closed_bando(**kwargs) -> Bando:
    return close_bando(open_bando(**kwargs))


class SubmittedCandidaturaFactory(CandidaturaFactory):
    """A submitted application (protocol number and snapshot), made directly for the staff-side tests."""

    stato = Candidatura.Stato.PRESENTATA
    bando = factory.LazyFunction(closed_bando)
    importo_richiesto = Decimal("20000.00")
    cofinanziamento = Decimal("3000.00")
    presentata_il = factory.Sequence(lambda n: timezone.now() - timedelta(days=5, minutes=1000 - n))
    numero_protocollo = factory.Sequence(lambda n: f"2026/T{n:05d}")
    snapshot = factory.LazyAttribute(
        lambda o: {
            "titolo": o.titolo,
            "progetto": {"sintesi": "Pasti condivisi nel quartiere.", "obiettivi": "Meno solitudine."},
            "budget": {"voci": [], "importo_richiesto": str(o.importo_richiesto), "cofinanziamento": "3000.00"},
            "partner": [],
            "quartieri": [],
            "impatto": {},
        }
    )


def with_checklist(candidatura):
    """The application's call gets a one-item admissibility checklist, which its istruttoria needs."""
    from contributi.models import VoceChecklist

    VoceChecklist.objects.get_or_create(bando=candidatura.bando, testo="Statuto conforme")
    return candidatura


def valutatore(**kwargs):
    from costellazioni import roles

    return UserFactory(groups=[roles.VALUTATORE], **kwargs)


def board(bando, *, size=2, presidente=True):
    """Board members of ``bando`` (the first is the president), each a user in the Valutatore group."""
    from contributi.models import MembroCommissione

    return [
        MembroCommissione.objects.create(bando=bando, utente=valutatore(), presidente=presidente and i == 0)
        for i in range(size)
    ]


def in_valutazione(candidatura, *, staff, membri, declare=True):
    """Admissible, assigned to ``membri`` (each declaring no conflict when ``declare``) and under evaluation."""
    from contributi import services

    Candidatura.objects.filter(pk=candidatura.pk).update(stato=Candidatura.Stato.AMMISSIBILE)
    candidatura.refresh_from_db()
    for membro in membri:
        services.assegnazione_create(candidatura=candidatura, membro=membro, actor=staff)
    candidatura = services.valutazione_start(candidatura=candidatura, actor=staff)
    if declare:
        for membro in membri:
            services.conflitto_declare(candidatura=candidatura, actor=membro.utente, conflitto=False)
    return candidatura


def score(candidatura, membro, points, *, submit=True, consenso=False):
    """``membro`` scores every criterion of the call, in order, with ``points``."""
    from contributi import services

    criteri = list(candidatura.bando.criteri.all())
    return services.punteggi_save(
        candidatura=candidatura,
        actor=membro.utente,
        punteggi={c.pk: (p, "Motivazione.") for c, p in zip(criteri, points, strict=True)},
        submit=submit,
        consenso=consenso,
    )


def evaluated(bando, *, staff, membri, points, importo=Decimal("20000.00"), **kwargs):
    """A VALUTATA application of ``bando`` scored by ``membri`` (``points``: one list per member)."""
    from contributi import services

    c = SubmittedCandidaturaFactory(bando=bando, importo_richiesto=importo, **kwargs)
    c = in_valutazione(c, staff=staff, membri=membri)
    for membro, member_points in zip(membri, points, strict=True):
        score(c, membro, member_points)
    return services.valutazione_conclude(candidatura=c, actor=staff)


def ranked_call(staff_user):
    """A closed call with four evaluated applications and its provisional ranking: (bando, graduatoria, the
    first application, its referente)."""
    from contributi import services

    bando = closed_bando()
    (membro,) = board(bando, size=1)
    user, ente = referente()
    c = evaluated(bando, staff=staff_user, membri=[membro], points=[[31, 47]], ente=ente, titolo="Orti condivisi")
    for i in range(3):
        evaluated(bando, staff=staff_user, membri=[membro], points=[[20 + i, 30]], titolo=f"Altro {i}")
    graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
    return bando, graduatoria, c, user
