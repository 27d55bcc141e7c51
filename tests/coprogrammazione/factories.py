import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coprogrammazione.models import (
    Impegno,
    ManifestazioneInteresse,
    ParteProtocollo,
    Percorso,
    ProtocolloIntesa,
    Risorsa,
)
from tests.costellazioni.factories import EnteFactory, MembershipFactory, UserFactory


def referente_of(ente=None):
    """A person with a verified membership of a verified ente (a new one unless given)."""
    ente = ente or EnteFactory(verified=True)
    return MembershipFactory(ente=ente, verified=True).user


class PercorsoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Percorso

    titolo = factory.Sequence(lambda n: f"Percorso di co-programmazione {n}")
    slug = factory.Sequence(lambda n: f"percorso-{n}")
    tema = "Reti di prossimità per le persone anziane"
    descrizione = "Co-programmazione con gli enti di Mestre e Marghera."
    ufficio_responsabile = "Servizio Sviluppo di comunità"
    pubblicato = True
    fase = Percorso.Fase.AVVISO

    class Params:
        aperto = factory.Trait(
            fase=Percorso.Fase.MANIFESTAZIONI,
            manifestazioni_dal=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2)),
            manifestazioni_al=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20)),
        )
        chiuso = factory.Trait(
            fase=Percorso.Fase.MANIFESTAZIONI,
            manifestazioni_dal=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30)),
            manifestazioni_al=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1)),
        )


class ManifestazioneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManifestazioneInteresse

    percorso = factory.SubFactory(PercorsoFactory, aperto=True)
    ente = factory.SubFactory(EnteFactory, verified=True)
    presentata_da = factory.SubFactory(UserFactory)
    motivazione = "Lavoriamo con le persone anziane sole del quartiere."
    competenze = "Animazione di comunità."
    risorse_offerte = "Una sala e dieci volontari."
    contatto_nome = "Marta Zanon"
    contatto_email = "marta@example.it"

    class Params:
        ammessa = factory.Trait(stato=ManifestazioneInteresse.Stato.AMMESSA)


class RisorsaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risorsa

    percorso = factory.SubFactory(PercorsoFactory)
    ente = factory.SubFactory(EnteFactory, verified=True)
    tipo = Risorsa.Tipo.SPAZI
    descrizione = factory.Sequence(lambda n: f"Sala riunioni {n}")
    quantita = 50
    unita = "mq"
    disponibilita = "martedì pomeriggio"


class ProtocolloFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProtocolloIntesa

    oggetto = factory.Sequence(lambda n: f"Protocollo d'intesa per la merenda solidale {n}")
    testo = "Art. 1 — Oggetto. Le parti collaborano."
    data_inizio = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    data_fine = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=355))


class ParteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParteProtocollo

    protocollo = factory.SubFactory(ProtocolloFactory)
    ente = factory.SubFactory(EnteFactory, verified=True)
    denominazione = factory.LazyAttribute(lambda o: o.ente.denominazione if o.ente else "Comune di Venezia")
    firmatario = "Marta Zanon"
    ruolo_firmatario = "Presidente"


class ImpegnoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Impegno

    protocollo = factory.LazyAttribute(lambda o: o.parte.protocollo)
    parte = factory.SubFactory(ParteFactory)
    testo = factory.Sequence(lambda n: f"Organizzare {n + 10} pomeriggi d'incontro")
    scadenza = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=100))


def protocollo_with_parties(n_enti=1, **kwargs):
    """A draft MOU with the City and ``n_enti`` verified enti as parties; returns (protocollo, [enti parts])."""
    protocollo = ProtocolloFactory(**kwargs)
    ParteFactory(protocollo=protocollo, ente=None, firmatario="Simone Venturini", ruolo_firmatario="Assessore")
    parti = [ParteFactory(protocollo=protocollo) for _ in range(n_enti)]
    return protocollo, parti


def pdf_upload(data: bytes, name="firmato.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def signed_copy(protocollo) -> SimpleUploadedFile:
    """The generated document itself stands for a PAdES-signed copy: a PAdES signature keeps its content."""
    protocollo.refresh_from_db()
    with protocollo.documento.open("rb") as handle:
        return pdf_upload(handle.read())


def sign_everyone(protocollo, actor):
    from coprogrammazione import services

    for parte in protocollo.parti.all():
        services.parte_sign(parte=parte, file=signed_copy(protocollo), actor=actor)
    protocollo.refresh_from_db()
    return protocollo
