"""MOUs and their commitments as open data: the same rows in CSV and JSON, with a data dictionary.

Dates are ISO (``2027-01-15``), text is UTF-8; only signed MOUs are published.
"""

from django.utils.translation import gettext_lazy as _

COLUMNS_PROTOCOLLI = [
    "id",
    "oggetto",
    "stato",
    "data_inizio",
    "data_fine",
    "parti",
    "numero_impegni",
    "versione",
    "impronta_testo",
    "percorso",
    "rinnova",
    "url",
]
COLUMNS_IMPEGNI = ["id", "protocollo", "parte", "impegno", "scadenza", "stato"]

DIZIONARIO = {
    "protocolli": [
        ("id", _("Identificativo del protocollo sul portale")),
        ("oggetto", _("Oggetto del protocollo d'intesa")),
        ("stato", _("Stato: firmato, attivo, in_scadenza, scaduto, rinnovato")),
        ("data_inizio", _("Data di inizio (AAAA-MM-GG)")),
        ("data_fine", _("Data di fine (AAAA-MM-GG)")),
        ("parti", _("Le parti firmatarie, separate da punto e virgola")),
        ("numero_impegni", _("Numero degli impegni presi dalle parti")),
        ("versione", _("Versione del documento firmato")),
        ("impronta_testo", _("Impronta SHA-256 del testo firmato")),
        ("percorso", _("Percorso di co-programmazione da cui nasce, se c'è")),
        ("rinnova", _("Identificativo del protocollo rinnovato, se è un rinnovo")),
        ("url", _("Pagina del protocollo sul portale")),
    ],
    "impegni": [
        ("id", _("Identificativo dell'impegno")),
        ("protocollo", _("Identificativo del protocollo")),
        ("parte", _("La parte che ha preso l'impegno")),
        ("impegno", _("Testo dell'impegno")),
        ("scadenza", _("Scadenza (AAAA-MM-GG)")),
        ("stato", _("Stato: da_avviare, in_corso, adempiuto, inadempiuto")),
    ],
}


def protocollo_row(protocollo, request) -> dict:
    return {
        "id": protocollo.pk,
        "oggetto": protocollo.oggetto,
        "stato": protocollo.stato,
        "data_inizio": protocollo.data_inizio.isoformat(),
        "data_fine": protocollo.data_fine.isoformat(),
        "parti": "; ".join(parte.denominazione for parte in protocollo.parti.all()),
        "numero_impegni": len(protocollo.impegni.all()),
        "versione": protocollo.versione,
        "impronta_testo": protocollo.impronta,
        "percorso": protocollo.percorso.titolo if protocollo.percorso else "",
        "rinnova": protocollo.precedente_id or "",
        "url": request.build_absolute_uri(protocollo.get_absolute_url()),
    }


def impegno_row(impegno) -> dict:
    return {
        "id": impegno.pk,
        "protocollo": impegno.protocollo_id,
        "parte": impegno.parte.denominazione,
        "impegno": impegno.testo,
        "scadenza": impegno.scadenza.isoformat(),
        "stato": impegno.stato,
    }


def _ultimo_aggiornamento():
    from django.db.models import Max

    from coprogrammazione.models import ProtocolloIntesa
    from costellazioni.open_data import latest_or_now

    return latest_or_now(ProtocolloIntesa.objects.signed().aggregate(ultimo=Max("parti__firmato_il"))["ultimo"])


def register():
    """List the MOU register and its commitments at ``/dati-aperti/`` (called from ``CoprogrammazioneConfig.ready``)."""
    from django.urls import reverse_lazy

    from costellazioni.open_data import Campo, register_dataset

    fonte = _("Protocolli d'intesa firmati sul portale dal Comune e dagli enti")
    frequenza = _("a ogni firma o verifica degli impegni")
    for dataset, title, description in [
        (
            "protocolli",
            _("Protocolli d'intesa"),
            _("Il registro dei protocolli d'intesa firmati al termine dei percorsi di co-programmazione."),
        ),
        (
            "impegni",
            _("Impegni dei protocolli d'intesa"),
            _("Gli impegni presi da ciascuna parte dei protocolli firmati, con la scadenza e lo stato."),
        ),
    ]:
        register_dataset(
            f"coprogrammazione-{dataset}",
            title=title,
            description=description,
            formats={
                "CSV": reverse_lazy("coprogrammazione:esporta_csv", kwargs={"dataset": dataset}),
                "JSON": reverse_lazy("coprogrammazione:esporta_json", kwargs={"dataset": dataset}),
            },
            dictionary=[Campo(nome, significato, "", fonte, frequenza) for nome, significato in DIZIONARIO[dataset]],
            last_update=_ultimo_aggiornamento,
        )
