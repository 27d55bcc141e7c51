import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from costellazioni.models import Quartiere
from hubs.models import Appuntamento, Chiusura, EventoHub, Hub, OrarioSettimanale, Prenotazione, Servizio, Spazio
from tests.costellazioni.factories import EnteFactory, UserFactory


def next_weekday(weekday: int, *, hour: int, weeks: int = 1) -> datetime.datetime:
    """An aware datetime at ``hour`` on ``weekday`` (0 = Monday), at least ``weeks`` weeks ahead."""
    today = timezone.localdate()
    day = today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub
        skip_postgeneration_save = True

    nome = factory.Sequence(lambda n: f"HUB Laguna {n}")
    slug = factory.Sequence(lambda n: f"hub-laguna-{n}")
    descrizione = "Un luogo di incontro tra associazioni, Comune e cittadini."
    indirizzo = factory.Sequence(lambda n: f"Via Piave {n + 1}")
    cap = "30171"
    quartiere = factory.LazyFunction(lambda: Quartiere.objects.order_by("pk").first())
    latitudine = Decimal("45.49012")
    longitudine = Decimal("12.24301")
    ente_gestore = factory.SubFactory(EnteFactory, verified=True)
    email = "hub@example.it"
    accesso_senza_barriere = True

    @factory.post_generation
    def orari(self, create, extracted, **kwargs):
        """Open Monday to Saturday 9–19 unless told otherwise (``orari=[]`` for none)."""
        if not create:
            return
        slots = extracted if extracted is not None else [(g, 9, 19) for g in range(6)]
        OrarioSettimanale.objects.bulk_create(
            OrarioSettimanale(hub=self, giorno=g, apertura=datetime.time(a), chiusura=datetime.time(c))
            for g, a, c in slots
        )


class ServizioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Servizio

    hub = factory.SubFactory(HubFactory)
    nome = factory.Sequence(lambda n: f"Sportello progetti {n}")
    slug = factory.Sequence(lambda n: f"sportello-progetti-{n}")
    categoria = Servizio.Categoria.SPORTELLO_PROGETTI
    destinatari = Servizio.Destinatari.ETS
    descrizione = "Supporto agli enti del Terzo settore nella progettazione sociale."
    a_chi_e_rivolto = "Enti del Terzo settore del territorio comunale."
    come_fare = "Chiedi un appuntamento dal portale."
    cosa_si_ottiene = "Un incontro con un progettista."
    tempi_e_scadenze = "Risposta entro cinque giorni lavorativi."
    accesso = Servizio.Accesso.APPUNTAMENTO
    ente_erogatore = factory.SelfAttribute("hub.ente_gestore")
    argomenti = factory.LazyFunction(lambda: ["Associazioni", "Imprese"])


class SpazioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Spazio

    hub = factory.SubFactory(HubFactory)
    nome = factory.Sequence(lambda n: f"Sala riunioni {n}")
    slug = factory.Sequence(lambda n: f"sala-riunioni-{n}")
    capienza = 20
    preavviso_minimo_ore = 48
    durata_massima_ore = 4
    anticipo_massimo_giorni = 60


class ChiusuraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chiusura

    hub = factory.SubFactory(HubFactory)
    data_inizio = factory.LazyFunction(timezone.localdate)
    data_fine = factory.SelfAttribute("data_inizio")
    motivo = "Festa del Redentore"


class PrenotazioneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Prenotazione

    spazio = factory.SubFactory(SpazioFactory)
    richiedente = factory.SubFactory(UserFactory)
    inizio = factory.LazyFunction(lambda: next_weekday(1, hour=10))
    fine = factory.LazyAttribute(lambda o: o.inizio + datetime.timedelta(hours=2))
    scopo = "Riunione dei volontari"
    partecipanti = 10

    class Params:
        confermata = factory.Trait(stato=Prenotazione.Stato.CONFERMATA)


class AppuntamentoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appuntamento

    servizio = factory.SubFactory(ServizioFactory)
    richiedente = factory.SubFactory(UserFactory)
    tema = "Progetto di doposcuola"
    disponibilita = "Martedì mattina"


class EventoHubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventoHub

    hub = factory.SubFactory(HubFactory)
    titolo = factory.Sequence(lambda n: f"Laboratorio di quartiere {n}")
    slug = factory.Sequence(lambda n: f"laboratorio-di-quartiere-{n}")
    descrizione = "Un pomeriggio per conoscere le associazioni del quartiere."
    inizio = factory.LazyFunction(lambda: next_weekday(3, hour=17))
    fine = factory.LazyAttribute(lambda o: o.inizio + datetime.timedelta(hours=2))
    iscrizione = "Ingresso libero."
