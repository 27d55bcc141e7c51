"""The needs dataset published as open data (CSV and JSON), with its data dictionary.

Counts only, never single reports: by category and month for the whole city, and by quartiere and category
where the count is at least ``SOGLIA_PUBBLICA`` (smaller groups could point at a person) and cannot be worked
out from the totals (``ricerca.riservatezza``).
"""

from django.db.models import Count, Max
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from ricerca.models import Bisogno
from ricerca.riservatezza import SOGLIA_PUBBLICA, celle_da_nascondere

CAMPI = ["ambito", "periodo", "quartiere", "categoria", "categoria_codice", "numero"]

DIZIONARIO = [
    (
        "ambito",
        _("«citta» per i conteggi di tutta la città per mese, «quartiere» per quelli di un quartiere"),
        _("testo"),
    ),
    (
        "periodo",
        _("Mese della segnalazione (AAAA-MM); vuoto per i conteggi per quartiere, che coprono tutto il periodo"),
        _("mese"),
    ),
    ("quartiere", _("Nome del quartiere; vuoto per i conteggi di tutta la città"), _("testo")),
    ("categoria", _("Categoria del bisogno, come la legge chi segnala (l'elenco è curato dal Comune)"), _("testo")),
    (
        "categoria_codice",
        _(
            "Codice stabile della categoria: resta lo stesso anche se il nome cambia; "
            "le nuove categorie ne hanno uno nuovo"
        ),
        _("testo"),
    ),
    (
        "numero",
        _(
            "Numero di bisogni segnalati; i gruppi di quartiere sotto %(soglia)s non sono pubblicati, e nemmeno "
            "il più piccolo dei gruppi vicini quando servirebbe a ricavarli dai totali"
        )
        % {"soglia": SOGLIA_PUBBLICA},
        _("bisogni"),
    ),
]


def righe() -> list[dict]:
    """Two queries: city-wide counts by month and category, then counts by quartiere and category."""
    out = []
    mensili = (
        Bisogno.objects.annotate(mese=TruncMonth("creato_il"))
        .values_list("mese", "categoria__nome", "categoria")
        .annotate(n=Count("pk"))
        .order_by("mese", "categoria__ordine", "categoria")
    )
    for mese, nome, codice, n in mensili:
        out.append(
            {
                "ambito": "citta",
                "periodo": mese.strftime("%Y-%m"),
                "quartiere": "",
                "categoria": nome,
                "categoria_codice": codice,
                "numero": n,
            }
        )
    per_quartiere = list(
        Bisogno.objects.filter(quartiere__isnull=False)
        .values_list("quartiere__nome", "categoria__nome", "categoria")
        .annotate(n=Count("pk"))
        .order_by("quartiere__nome", "categoria__ordine", "categoria")
    )
    nascoste = celle_da_nascondere({(quartiere, codice): n for quartiere, _nome, codice, n in per_quartiere})
    for quartiere, nome, codice, n in per_quartiere:
        if (quartiere, codice) in nascoste:
            continue
        out.append(
            {
                "ambito": "quartiere",
                "periodo": "",
                "quartiere": quartiere,
                "categoria": nome,
                "categoria_codice": codice,
                "numero": n,
            }
        )
    return out


def ultimo_aggiornamento():
    return Bisogno.objects.aggregate(ultimo=Max("creato_il"))["ultimo"]


def register():
    """List the needs dataset at ``/dati-aperti/`` (called from ``RicercaConfig.ready``)."""
    from costellazioni.open_data import Campo, register_dataset

    fonte = _("Bisogni segnalati sul portale e intercettati da operatori, antenne e HUB")
    frequenza = _("in tempo reale")
    register_dataset(
        "bisogni-segnalati",
        title=_("Bisogni segnalati"),
        description=_(
            "Conteggi dei bisogni segnalati nella ricerca-azione, per categoria e mese in tutta la città e per "
            "quartiere e categoria; mai le singole segnalazioni."
        ),
        formats={"CSV": "ricerca_azione:bisogni_csv", "JSON": "ricerca_azione:bisogni_json"},
        dictionary=[Campo(nome, significato, unita, fonte, frequenza) for nome, significato, unita in DIZIONARIO],
        last_update=ultimo_aggiornamento,
    )
