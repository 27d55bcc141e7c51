"""The HUB services as a catalogue, grouped by the service categories of the national model of municipal sites.

The model (Designers Italia, modello Comuni) fixes the categories citizens find on every Comune's site; each of
our own categories falls under one of them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from hubs.models import Servizio


@dataclass(frozen=True)
class CategoriaNazionale:
    slug: str
    nome: str
    descrizione: str


EDUCAZIONE = CategoriaNazionale(
    "educazione-e-formazione",
    _("Educazione e formazione"),
    _("Corsi, laboratori e accompagnamento allo studio negli HUB di comunità."),
)
ASSISTENZA = CategoriaNazionale(
    "salute-benessere-e-assistenza",
    _("Salute, benessere e assistenza"),
    _("Orientamento ai servizi sociali e sanitari, sostegno alle persone e alle famiglie."),
)
IMPRESE = CategoriaNazionale(
    "imprese-e-commercio",
    _("Imprese e commercio"),
    _("Consulenza a enti del Terzo settore, cooperative e imprese sociali: progetti, bandi, adempimenti."),
)
CULTURA = CategoriaNazionale(
    "cultura-e-tempo-libero",
    _("Cultura e tempo libero"),
    _("Spazi e sale degli HUB per le attività di associazioni e gruppi del quartiere."),
)

CATEGORIE = [ASSISTENZA, CULTURA, EDUCAZIONE, IMPRESE]

PER_CATEGORIA_HUB = {
    Servizio.Categoria.SPORTELLO_PROGETTI: IMPRESE,
    Servizio.Categoria.PROGETTAZIONE: IMPRESE,
    Servizio.Categoria.ORIENTAMENTO: ASSISTENZA,
    Servizio.Categoria.FORMAZIONE: EDUCAZIONE,
    Servizio.Categoria.SPAZIO_ATTIVITA: CULTURA,
    Servizio.Categoria.ALTRO: ASSISTENZA,
}


def categoria_of(servizio: Servizio) -> CategoriaNazionale:
    return PER_CATEGORIA_HUB[servizio.categoria]


def categoria_by_slug(slug: str) -> CategoriaNazionale | None:
    return next((categoria for categoria in CATEGORIE if categoria.slug == slug), None)


def categorie_hub(categoria: CategoriaNazionale) -> list[str]:
    return [hub_categoria for hub_categoria, nazionale in PER_CATEGORIA_HUB.items() if nazionale == categoria]
