"""The register of decisions as open data, listed at ``/dati-aperti/``.

The same decisions as the public register (``/governance/decisioni/``): those of public meetings whose minutes
are approved. Votes are counts; the people who vote, and who is responsible for the actions that follow, are
never part of it.
"""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costellazioni.open_data import campi, latest_or_now, register_dataset

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


def _decisioni():
    from governance.models import Decisione

    return Decisione.objects.for_open_data()


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
        dictionary=campi(
            SOURCE,
            FREQUENCY,
            ("id", _("Identificativo della decisione sul portale")),
            ("organo", _("Organo che ha deciso")),
            ("riunione", _("Titolo della riunione")),
            ("data_riunione", _("Data della riunione"), "AAAA-MM-GG"),
            ("punto", _("Punto all'ordine del giorno")),
            ("tipo", _("Tipo: orientamento, attivita, operativa")),
            ("testo", _("Testo della decisione")),
            ("esito", _("Esito: approvata, respinta, consenso (senza votazione)")),
            ("voti_favorevoli", _("Voti favorevoli; vuoto senza votazione"), _("voti")),
            ("voti_contrari", _("Voti contrari; vuoto senza votazione"), _("voti")),
            ("astenuti", _("Astenuti; vuoto se non registrati"), _("persone")),
            ("orientamento", _("Identificativo dell'orientamento strategico che la decisione attua, se c'è")),
            ("numero_azioni", _("Numero delle azioni decise"), _("azioni")),
            ("verbale_approvato_il", _("Data di approvazione del verbale"), "AAAA-MM-GG"),
            ("url", _("Pagina della riunione sul portale")),
        ),
        objects=_decisioni,
        row=row,
        filename="decisioni",
        last_update=last_update,
    )
