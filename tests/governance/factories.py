import datetime

import factory
from django.utils import timezone

from governance.models import Appalto, MembroOrgano, Organo, Partecipazione, PuntoOrdineGiorno, Riunione
from tests.costellazioni.factories import UserFactory


def at(days: int, hour: int = 17) -> datetime.datetime:
    """An aware datetime ``days`` from today (negative: in the past) at ``hour`` Rome time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


class OrganoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organo

    nome = factory.Sequence(lambda n: f"Assemblea del partenariato {n}")
    slug = factory.Sequence(lambda n: f"assemblea-{n}")
    tipo = Organo.Tipo.ASSEMBLEA
    giorni_preavviso = 7
    quorum = Organo.Quorum.MAGGIORANZA

    class Params:
        privato = factory.Trait(visibilita="privata")
        comitato = factory.Trait(tipo=Organo.Tipo.COMITATO, nome=factory.Sequence(lambda n: f"Comitato {n}"))


class MembroOrganoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembroOrgano

    organo = factory.SubFactory(OrganoFactory)
    user = factory.SubFactory(UserFactory)
    dal = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))

    class Params:
        presidente = factory.Trait(ruolo=MembroOrgano.Ruolo.PRESIDENTE)


class RiunioneFactory(factory.django.DjangoModelFactory):
    """A meeting row as the database holds it; tests of the convening rules go through the service."""

    class Meta:
        model = Riunione
        skip_postgeneration_save = True

    organo = factory.SubFactory(OrganoFactory)
    titolo = factory.Sequence(lambda n: f"Seduta numero {n}")
    inizio = factory.LazyFunction(lambda: at(20))
    fine = factory.LazyAttribute(lambda o: o.inizio + datetime.timedelta(hours=2))
    luogo = "Centro civico, Via Sernaglia 43, Mestre"
    visibilita = factory.SelfAttribute("organo.visibilita")

    @factory.post_generation
    def invita(self, create, extracted, **kwargs):
        """Invite the body's members in office, as the service does at convocation."""
        if not create:
            return
        for membro in self.organo.membri.in_carica(on=timezone.localdate(self.inizio)):
            Partecipazione.objects.create(riunione=self, membro=membro, user=membro.user, ente=membro.ente)


class PuntoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PuntoOrdineGiorno

    riunione = factory.SubFactory(RiunioneFactory)
    ordine = factory.Sequence(lambda n: n + 1)
    titolo = factory.Sequence(lambda n: f"Punto {n}")


def contratto(ente) -> Appalto:
    """A contract in force for ``ente``, so that its representatives can report."""
    return Appalto.objects.create(
        appaltatore=ente, oggetto="Animazione di comunità", dal=timezone.localdate() - datetime.timedelta(days=90)
    )
