import uuid

import factory
from django.utils import timezone

from antenne.models import Antenna, Attivita, OperatoreDiComunita, RichiestaPortierato, Servizio, SocioBancaDelTempo
from costellazioni import roles
from costellazioni.models import Quartiere
from tests.costellazioni.factories import UserFactory


def primo_quartiere():
    return Quartiere.objects.order_by("pk").first()


class OperatoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OperatoreDiComunita
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, groups=[roles.OPERATORE])

    @factory.post_generation
    def quartieri(self, create, extracted, **kwargs):
        if create:
            self.quartieri.set(extracted if extracted is not None else [primo_quartiere()])


class AntennaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Antenna

    tipo = Antenna.Tipo.NEGOZIO
    nome_pubblico = factory.Sequence(lambda n: f"Panificio Fondamenta {n}")
    quartiere = factory.LazyFunction(primo_quartiere)
    servizi = factory.LazyFunction(lambda: [Servizio.RITIRO_PACCHI, Servizio.INFORMAZIONI])
    stato = Antenna.Stato.ATTIVA

    class Params:
        privato = factory.Trait(
            tipo=Antenna.Tipo.CITTADINO,
            nome_pubblico=factory.Sequence(lambda n: f"Maria Rossi {n}"),
            indirizzo="Calle dei Fabbri 4600",
            latitudine="45.43700",
            longitudine="12.33600",
            telefono="041 555 0101",
            email="maria@example.it",
        )


class AttivitaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attivita

    uuid = factory.LazyFunction(uuid.uuid4)
    operatore = factory.SubFactory(OperatoreFactory)
    tipo = Attivita.Tipo.PRESIDIO
    quartiere = factory.LazyFunction(primo_quartiere)
    svolta_il = factory.LazyFunction(timezone.now)
    persone_raggiunte = 5


class SocioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocioBancaDelTempo

    user = factory.SubFactory(UserFactory, groups=[roles.CITTADINO])
    stato = SocioBancaDelTempo.Stato.VERIFICATO


class RichiestaPortieratoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RichiestaPortierato

    antenna = factory.SubFactory(AntennaFactory)
    richiedente = factory.SubFactory(UserFactory)
    servizio = Servizio.RITIRO_PACCHI
    descrizione = "Un pacco in arrivo giovedì"


def attivita_post(**extra):
    data = {
        "uuid": str(uuid.uuid4()),
        "tipo": "presidio",
        "svolta_il": "2026-11-20T10:30",
        "quartiere": primo_quartiere().pk,
        "luogo": "Campo Santa Margherita",
        "persone_raggiunte": "8",
        "note": "",
        "bisogni-TOTAL_FORMS": "1",
        "bisogni-INITIAL_FORMS": "0",
        "bisogni-MIN_NUM_FORMS": "0",
        "bisogni-MAX_NUM_FORMS": "10",
        "bisogni-0-categoria": "solitudine",
        "bisogni-0-descrizione": "",
        "bisogni-0-urgenza": "media",
        "seguiti-TOTAL_FORMS": "1",
        "seguiti-INITIAL_FORMS": "0",
        "seguiti-MIN_NUM_FORMS": "0",
        "seguiti-MAX_NUM_FORMS": "10",
        "seguiti-0-descrizione": "",
        "seguiti-0-scadenza": "",
    }
    data.update(extra)
    return data
