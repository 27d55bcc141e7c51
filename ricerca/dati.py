"""The needs dataset published as open data (CSV and JSON), with its data dictionary.

Counts only, never single reports: by category and month for the whole city, and by quartiere and category
where the count is at least ``SOGLIA_PUBBLICA`` (smaller groups could point at a person).
"""

from django.db.models import Count, Max
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from ricerca.models import Bisogno
from ricerca.selectors import SOGLIA_PUBBLICA

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
    ("categoria", _("Categoria del bisogno, come la legge chi segnala"), _("testo")),
    ("categoria_codice", _("Codice stabile della categoria"), _("testo")),
    (
        "numero",
        _("Numero di bisogni segnalati; i gruppi di quartiere sotto %(soglia)s non sono pubblicati")
        % {"soglia": SOGLIA_PUBBLICA},
        _("bisogni"),
    ),
]


def righe() -> list[dict]:
    """Two queries: city-wide counts by month and category, then counts by quartiere and category."""
    etichette = dict(Bisogno.Categoria.choices)
    out = []
    mensili = (
        Bisogno.objects.annotate(mese=TruncMonth("creato_il"))
        .values_list("mese", "categoria")
        .annotate(n=Count("pk"))
        .order_by("mese", "categoria")
    )
    for mese, categoria, n in mensili:
        out.append(
            {
                "ambito": "citta",
                "periodo": mese.strftime("%Y-%m"),
                "quartiere": "",
                "categoria": str(etichette.get(categoria, categoria)),
                "categoria_codice": categoria,
                "numero": n,
            }
        )
    per_quartiere = (
        Bisogno.objects.filter(quartiere__isnull=False)
        .values_list("quartiere__nome", "categoria")
        .annotate(n=Count("pk"))
        .filter(n__gte=SOGLIA_PUBBLICA)
        .order_by("quartiere__nome", "categoria")
    )
    for quartiere, categoria, n in per_quartiere:
        out.append(
            {
                "ambito": "quartiere",
                "periodo": "",
                "quartiere": quartiere,
                "categoria": str(etichette.get(categoria, categoria)),
                "categoria_codice": categoria,
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
