import datetime

import factory
from django.utils import timezone

from ricerca.models import Bisogno, CategoriaBisogno, Domanda, ElementoToc, Questionario, Stakeholder, TeoriaCambiamento
from tests.antenne.factories import primo_quartiere


def categoria_bisogno(slug: str, **kwargs) -> CategoriaBisogno:
    """A category of the taxonomy (seeded by migration 0006; created again after a transactional test's flush)."""
    categoria, _created = CategoriaBisogno.objects.get_or_create(
        slug=slug, defaults={"nome": slug.capitalize(), **kwargs}
    )
    return categoria


class BisognoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bisogno

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("categoria"), str):  # tests name categories by their stable code
            kwargs["categoria"] = categoria_bisogno(kwargs["categoria"])
        return kwargs

    categoria = factory.LazyFunction(lambda: categoria_bisogno("solitudine"))
    descrizione = factory.Sequence(lambda n: f"Anziana sola in calle, segnalazione {n}")
    quartiere = factory.LazyFunction(primo_quartiere)


class QuestionarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionario

    titolo = factory.Sequence(lambda n: f"Questionario sui bisogni {n}")
    slug = factory.Sequence(lambda n: f"questionario-{n}")
    pubblicato = True
    apertura = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    chiusura = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


class DomandaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domanda

    questionario = factory.SubFactory(QuestionarioFactory)
    ordine = factory.Sequence(int)
    testo = factory.Sequence(lambda n: f"Domanda numero {n}?")
    tipo = Domanda.Tipo.TESTO_BREVE


def questionario_completo(**kwargs) -> tuple[Questionario, dict[str, Domanda]]:
    """A questionnaire with one question of every kind; ``perche`` shows only when ``sola`` is «Spesso»."""
    q = QuestionarioFactory(**kwargs)
    T = Domanda.Tipo
    d = {
        "zona": DomandaFactory(questionario=q, tipo=T.SCELTA_SINGOLA, opzioni="Mestre\nLido", obbligatoria=True),
        "bisogni": DomandaFactory(questionario=q, tipo=T.SCELTA_MULTIPLA, opzioni="Casa\nLavoro\nSalute"),
        "sola": DomandaFactory(questionario=q, tipo=T.SCELTA_SINGOLA, opzioni="Mai\nSpesso", obbligatoria=True),
        "fiducia": DomandaFactory(questionario=q, tipo=T.SCALA_5),
        "consiglio": DomandaFactory(questionario=q, tipo=T.SCALA_10),
        "breve": DomandaFactory(questionario=q, tipo=T.TESTO_BREVE),
        "lungo": DomandaFactory(questionario=q, tipo=T.TESTO_LUNGO),
        "ore": DomandaFactory(questionario=q, tipo=T.NUMERO),
        "quando": DomandaFactory(questionario=q, tipo=T.DATA),
    }
    d["perche"] = DomandaFactory(
        questionario=q, tipo=T.TESTO_LUNGO, obbligatoria=True, mostra_se=d["sola"], mostra_se_valore="Spesso"
    )
    return q, d


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    nome = factory.Sequence(lambda n: f"Associazione Fondamenta {n}")


class TeoriaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeoriaCambiamento

    versione = factory.Sequence(lambda n: n + 1)
    titolo = "Dalla solitudine alla comunità"


class ElementoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElementoToc

    teoria = factory.SubFactory(TeoriaFactory)
    tipo = ElementoToc.Tipo.ATTIVITA
    titolo = factory.Sequence(lambda n: f"Elemento {n}")
