"""The register of decisions as open data, listed at ``/dati-aperti/``.

The same decisions as the public register (``/governance/decisioni/``): those of public meetings whose minutes
are approved. Votes are counts; the people who vote, and who is responsible for the actions that follow, are
never part of it.
"""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costellazioni.open_data import Campo, latest_or_now, register_dataset

COLUMNS = [
    "id",
    "organo",
    "riunione",
    "data_riunione",
    "punto",
    "tipo",
    "testo",
    "esito",
    "voti_favorevoli",
    "voti_contrari",
    "astenuti",
    "orientamento",
    "numero_azioni",
    "verbale_approvato_il",
    "url",
]

SOURCE = _("Verbali approvati delle riunioni pubbliche degli organi")
FREQUENCY = _("a ogni approvazione di un verbale")


def row(decisione, request) -> dict:
    riunione = decisione.punto.riunione
    approvato_il = decisione.verbale_approvato_il
    return {
        "id": decisione.pk,
        "organo": riunione.organo.nome,
        "riunione": riunione.titolo,
        "data_riunione": timezone.localdate(riunione.inizio).isoformat(),
        "punto": decisione.punto.titolo,
        "tipo": decisione.tipo,
        "testo": decisione.testo,
        "esito": decisione.esito,
        "voti_favorevoli": decisione.voti_favorevoli,
        "voti_contrari": decisione.voti_contrari,
        "astenuti": decisione.astenuti,
        "orientamento": decisione.orientamento_id,
        "numero_azioni": decisione.numero_azioni,
        "verbale_approvato_il": timezone.localdate(approvato_il).isoformat() if approvato_il else None,
        "url": request.build_absolute_uri(riunione.get_absolute_url()),
    }


def last_update():
    from governance.models import Decisione

    ultimi = Decisione.objects.pubbliche().aggregate(
        registrata=Max("creata_il"), approvata=Max("punto__riunione__verbali__approvato_il")
    )
    return latest_or_now(ultimi["registrata"], ultimi["approvata"])


def register():
    """Called from ``GovernanceConfig.ready``."""
    register_dataset(
        "governance-decisioni",
        title=_("Registro delle decisioni"),
        description=_(
            "Le decisioni prese nelle riunioni pubbliche degli organi di governance, dai verbali approvati, con "
            "l'esito del voto e il numero delle azioni che ne sono seguite."
        ),
        formats={"CSV": "governance:dati_csv", "JSON": "governance:dati_json"},
        dictionary=[
            Campo("id", _("Identificativo della decisione sul portale"), "", SOURCE, FREQUENCY),
            Campo("organo", _("Organo che ha deciso"), "", SOURCE, FREQUENCY),
            Campo("riunione", _("Titolo della riunione"), "", SOURCE, FREQUENCY),
            Campo("data_riunione", _("Data della riunione"), "AAAA-MM-GG", SOURCE, FREQUENCY),
            Campo("punto", _("Punto all'ordine del giorno"), "", SOURCE, FREQUENCY),
            Campo("tipo", _("Tipo: orientamento, attivita, operativa"), "", SOURCE, FREQUENCY),
            Campo("testo", _("Testo della decisione"), "", SOURCE, FREQUENCY),
            Campo("esito", _("Esito: approvata, respinta, consenso (senza votazione)"), "", SOURCE, FREQUENCY),
            Campo("voti_favorevoli", _("Voti favorevoli; vuoto senza votazione"), _("voti"), SOURCE, FREQUENCY),
            Campo("voti_contrari", _("Voti contrari; vuoto senza votazione"), _("voti"), SOURCE, FREQUENCY),
            Campo("astenuti", _("Astenuti; vuoto se non registrati"), _("persone"), SOURCE, FREQUENCY),
            Campo(
                "orientamento",
                _("Identificativo dell'orientamento strategico che la decisione attua, se c'è"),
                "",
                SOURCE,
                FREQUENCY,
            ),
            Campo("numero_azioni", _("Numero delle azioni decise"), _("azioni"), SOURCE, FREQUENCY),
            Campo("verbale_approvato_il", _("Data di approvazione del verbale"), "AAAA-MM-GG", SOURCE, FREQUENCY),
            Campo("url", _("Pagina della riunione sul portale"), "", SOURCE, FREQUENCY),
        ],
        last_update=last_update,
    )
