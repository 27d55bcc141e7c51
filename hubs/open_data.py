"""The HUBs as open data, listed at ``/dati-aperti/``: where they are, who runs them, which services they offer.

One row per published HUB, the same in CSV and JSON. Coordinates are WGS84 decimal degrees, dates ISO. Only what
the HUB's public page shows and nothing about people: no staff referenti, no e-mail, no telephone.
"""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from costellazioni.open_data import campi, latest_or_now, register_dataset

SOURCE = _("Schede degli HUB pubblicate sul portale")
FREQUENCY = _("a ogni modifica della scheda")


def row(hub, request) -> dict:
    servizi = list(hub.servizi.all())
    return {
        "id": hub.pk,
        "nome": hub.nome,
        "indirizzo": hub.indirizzo,
        "cap": hub.cap,
        "quartiere": hub.quartiere.nome,
        "municipalita": hub.quartiere.municipalita.nome,
        "latitudine": f"{hub.latitudine:.5f}",
        "longitudine": f"{hub.longitudine:.5f}",
        "ente_gestore": hub.ente_gestore.denominazione,
        "accesso_senza_barriere": hub.accesso_senza_barriere,
        "servizi": "; ".join(servizio.nome for servizio in servizi),
        "categorie_servizi": "; ".join(sorted({servizio.categoria for servizio in servizi})),
        "numero_servizi": len(servizi),
        "url": request.build_absolute_uri(hub.get_absolute_url()),
        "aggiornato_il": hub.aggiornato_il.isoformat(),
    }


def published_hubs():
    from hubs.models import Hub

    return Hub.objects.for_open_data()


def last_update():
    from hubs.models import Hub

    return latest_or_now(Hub.objects.published().aggregate(ultimo=Max("aggiornato_il"))["ultimo"])


def register():
    """Called from ``HubsConfig.ready``."""
    register_dataset(
        "hub",
        title=_("HUB di Costellazioni civiche"),
        description=_("Gli HUB aperti al pubblico: indirizzo, posizione, ente gestore e servizi offerti."),
        formats={"CSV": "hubs:dati_csv", "JSON": "hubs:dati_json"},
        dictionary=campi(
            SOURCE,
            FREQUENCY,
            ("id", _("Identificativo dell'HUB sul portale")),
            ("nome", _("Nome dell'HUB")),
            ("indirizzo", _("Indirizzo")),
            ("cap", _("Codice di avviamento postale")),
            ("quartiere", _("Quartiere")),
            ("municipalita", _("Municipalità")),
            ("latitudine", _("Latitudine"), _("gradi decimali (WGS84)")),
            ("longitudine", _("Longitudine"), _("gradi decimali (WGS84)")),
            ("ente_gestore", _("Ente che gestisce l'HUB")),
            (
                "accesso_senza_barriere",
                _("Vero se ingresso e spazi comuni sono raggiungibili senza gradini"),
                "true/false",
            ),
            ("servizi", _("I servizi attivi, separati da punto e virgola")),
            (
                "categorie_servizi",
                _(
                    "Le categorie dei servizi attivi (sportello_progetti, orientamento, progettazione, formazione, "
                    "spazio_attivita, altro), separate da punto e virgola"
                ),
            ),
            ("numero_servizi", _("Numero dei servizi attivi"), _("servizi")),
            ("url", _("Pagina dell'HUB sul portale")),
            ("aggiornato_il", _("Ultima modifica della scheda"), "AAAA-MM-GGThh:mm:ss"),
        ),
        objects=published_hubs,
        row=row,
        filename="hub",
        last_update=last_update,
    )
