"""The dashboards' bodies: rendered once per version of what they show, kept in the cache, warmed by the workers.

A body is stored under the versions of everything it shows, so it never needs a timeout to stay right:

- the measurements' version, read from the table (one query; it follows every write, bulk ones included);
- the catalogue's version (indicators, targets, published reports, the theory-of-change and governance elements
  and quartieri they show), a cache key given a new value by a receiver whenever one of those is saved or deleted
  (a report only when it is, or stops being, published);
- for the staff's projects table, the projects' version (awards, reports, expenses, payments, milestones), bumped
  the same way, and the day (the risk flags follow the calendar).

After a snapshot the workers render the public body and the staff's indicator and projects tables for every
language (``warm``), so that no visitor pays for formatting them: the first request after a snapshot reads one
query and one cache entry. ``BODY_SECONDS`` only lets go of the copies of old versions.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from costellazioni import cache_versions
from monitoraggio import presentation, progetti, selectors
from monitoraggio.models import Indicatore, Misurazione, Report

BODY_SECONDS = 7 * 24 * 3600
MAP_INDICATOR = "CC-08"
PROJECTS_SHOWN = 25  # the riskiest; the admin lists them all

CATALOGUE = "catalogo"
PROJECTS = "progetti"
VERSION_KEY = "monitoraggio:versione:{}"
BODY_KEY = "monitoraggio:corpo:{}:{}:{}"  # name, version, language


def measurements_state() -> dict:
    """The measurements' version and the counts of those waiting for staff: one query."""
    state = Misurazione.objects.aggregate(
        ultima=Max("rilevata_il"),
        righe=Count("pk"),
        da_validare=Count("pk", filter=Q(stato=Misurazione.Stato.DA_VALIDARE)),
        respinte=Count("pk", filter=Q(stato=Misurazione.Stato.RESPINTA)),
    )
    state["versione"] = f"{state['ultima']:%Y%m%d%H%M%S%f}-{state['righe']}" if state["ultima"] else "vuoto"
    return state


def versions(*names: str) -> list[str]:
    return cache_versions.current([VERSION_KEY.format(name) for name in names])


def bump(name: str) -> None:
    cache_versions.renew(VERSION_KEY.format(name))


def catalogue_changed(sender, **kwargs) -> None:
    bump(CATALOGUE)


def projects_changed(sender, **kwargs) -> None:
    bump(PROJECTS)


def report_changed(sender, instance, update_fields=None, **kwargs) -> None:
    """The dashboard lists only published reports: a draft's generation (queued, running, ready) changes nothing
    it shows, a published one's regeneration or its publication does."""
    if instance.pubblicato or (update_fields is not None and "pubblicato" in update_fields):
        bump(CATALOGUE)


class Corpo:
    """One body: its cache key for the current versions and language, and how to render it."""

    template = ""

    def __init__(self, misure: str, language: str | None = None):
        self.misure = misure
        self.language = language or translation.get_language()

    def version(self) -> str:
        return f"{self.misure}-{versions(CATALOGUE)[0]}"

    def key(self) -> str:
        return BODY_KEY.format(type(self).__name__.lower(), self.version(), self.language)

    def context(self) -> dict:
        raise NotImplementedError

    def render(self) -> SafeString:
        with translation.override(self.language):
            return mark_safe(render_to_string(self.template, self.context()))

    def html(self) -> SafeString:
        key = self.key()
        html = cache.get(key)
        if html is None:
            html = self.store(key)
        return mark_safe(html)

    def store(self, key: str | None = None) -> SafeString:
        html = self.render()
        cache.set(key or self.key(), str(html), BODY_SECONDS)
        return html


class Pubblico(Corpo):
    """The public dashboard's indicator cards, map and table by quartiere."""

    template = "monitoraggio/includes/cruscotto_corpo.html"

    def context(self) -> dict:
        indicatori = list(Indicatore.objects.pubblici())
        schede = presentation.schede(selectors.indicator_series(indicatori))
        mappa = next((i for i in indicatori if i.codice == MAP_INDICATOR), None)
        quartieri = selectors.by_quartiere(mappa) if mappa else []
        return {
            "sections": selectors.by_macro_azione(schede),
            "charts": [scheda.chart for scheda in schede if scheda.chart],
            "quartieri": [
                (cella.quartiere, None if cella.soppresso else presentation.number(cella.valore)) for cella in quartieri
            ],
            "indicatore_mappa": mappa,
            "map_points": [
                {
                    "nome": cella.quartiere.nome,
                    "lat": float(cella.quartiere.latitudine),
                    "lng": float(cella.quartiere.longitudine),
                    "valore": None if cella.soppresso else float(cella.valore),
                }
                for cella in quartieri
            ],
            "report_recenti": list(Report.objects.pubblicati()[:3]),
            "MAP_TILE_URL": settings.MAP_TILE_URL,
            "soglia": selectors.SUPPRESSION_THRESHOLD,
        }


class IndicatoriStaff(Corpo):
    """The staff's tables of the whole catalogue, with each automatic figure linked to its records."""

    template = "monitoraggio/includes/staff_indicatori.html"

    def context(self) -> dict:
        series = selectors.indicator_series(Indicatore.objects.select_related("elemento_toc", "risultato_atteso"))
        schede = presentation.schede(selectors.with_records(series), public=False)
        return {"sections": selectors.by_macro_azione(schede)}


class ProgettiStaff(Corpo):
    """The funded projects' table: the riskiest first, with their counts."""

    template = "monitoraggio/includes/staff_progetti.html"

    def __init__(self, language: str | None = None, today=None):
        super().__init__("", language)
        self.today = today or timezone.localdate()

    def version(self) -> str:
        return f"{versions(PROJECTS)[0]}-{self.today:%Y%m%d}"

    def context(self) -> dict:
        rows, a_rischio, totale = progetti.health_table(today=self.today, limit=PROJECTS_SHOWN)
        return {"progetti": rows, "a_rischio": a_rischio, "progetti_totali": totale}


def warm() -> int:
    """Render and store the public body, the staff's indicator tables and their projects table for every language,
    under the current versions (workers, after a snapshot). Returns the number of bodies rendered."""
    misure = measurements_state()["versione"]
    rendered = 0
    for language, _name in settings.LANGUAGES:
        for corpo in (Pubblico(misure, language), IndicatoriStaff(misure, language), ProgettiStaff(language)):
            corpo.store()
            rendered += 1
    return rendered
