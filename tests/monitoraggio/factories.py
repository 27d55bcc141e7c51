from datetime import date
from decimal import Decimal

import factory

from monitoraggio.models import Indicatore, Misurazione, Report, Target

NOV = (date(2026, 11, 1), date(2026, 11, 30))
OCT = (date(2026, 10, 1), date(2026, 10, 31))


class IndicatoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicatore
        django_get_or_create = ["codice"]

    codice = factory.Sequence(lambda n: f"T-{n:03d}")
    nome = factory.Sequence(lambda n: f"Indicatore di prova {n}")
    definizione = "Un indicatore per i test."
    unita = "persone"
    tipo = Indicatore.Tipo.OUTPUT
    macro_azione = 3
    fonte = Indicatore.Fonte.MANUALE
    frequenza = Indicatore.Frequenza.MENSILE
    disaggregazioni = factory.LazyFunction(lambda: ["quartiere", "genere"])


class MisurazioneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Misurazione

    indicatore = factory.SubFactory(IndicatoreFactory)
    periodo_inizio = NOV[0]
    periodo_fine = NOV[1]
    valore = Decimal("10")
    origine = Misurazione.Origine.MANUALE
    stato = Misurazione.Stato.VALIDATA


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicatore = factory.SubFactory(IndicatoreFactory)
    data = date(2027, 12, 31)
    valore = Decimal("100")


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    tipo = Report.Tipo.MENSILE
    periodo_inizio = NOV[0]
    periodo_fine = NOV[1]


def catalogue(codice: str) -> Indicatore:
    """An indicator the data migration seeded."""
    return Indicatore.objects.get(codice=codice)
