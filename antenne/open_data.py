"""The public antennas as open data, listed at ``/dati-aperti/``.

Privacy first: only the antennas the public map shows (active or in the network), and of each only what its
public page shows. A private citizen's name only with the recorded consent, never their address or their
position (the quartiere's centre takes its place); no referente, no e-mail, no telephone, whatever the consent.
"""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from costellazioni.open_data import campi, latest_or_now, register_dataset

SOURCE = _("Schede delle antenne di quartiere, dal diario degli operatori di comunità")
FREQUENCY = _("a ogni modifica della scheda")


def row(antenna, request) -> dict:
    latitudine, longitudine = antenna.posizione_pubblica()
    mostra_descrizione = not antenna.is_privato or antenna.consenso_nome
    hub = antenna.hub if antenna.hub_id and antenna.hub.pubblicato else None
    return {
        "id": antenna.pk,
        "tipo": antenna.tipo,
        "nome": str(antenna.nome_mostrabile),
        "descrizione": antenna.descrizione if mostra_descrizione else "",
        "quartiere": antenna.quartiere.nome,
        "municipalita": antenna.quartiere.municipalita.nome,
        "indirizzo": "" if antenna.is_privato else antenna.indirizzo,
        "latitudine": f"{latitudine:.5f}",
        "longitudine": f"{longitudine:.5f}",
        "posizione_approssimata": antenna.is_privato or antenna.latitudine is None,
        "servizi": "; ".join(antenna.servizi),
        "disponibilita": antenna.disponibilita,
        "hub": hub.nome if hub else "",
        "url": request.build_absolute_uri(antenna.get_absolute_url()),
        "aggiornato_il": antenna.aggiornata_il.isoformat(),
    }


def public_antennas():
    from antenne.models import Antenna

    return Antenna.objects.for_open_data()


def last_update():
    from antenne.models import Antenna

    return latest_or_now(Antenna.objects.pubbliche().aggregate(ultimo=Max("aggiornata_il"))["ultimo"])


def register():
    """Called from ``AntenneConfig.ready``."""
    register_dataset(
        "antenne",
        title=_("Antenne di quartiere"),
        description=_(
            "Le antenne attive nei quartieri: cittadini, negozi di vicinato e gruppi locali che favoriscono l'aiuto "
            "reciproco. Dei privati cittadini il nome compare solo con il loro consenso, la posizione è il centro "
            "del quartiere e l'indirizzo non è mai pubblicato."
        ),
        formats={"CSV": "antenne:dati_csv", "JSON": "antenne:dati_json"},
        dictionary=campi(
            SOURCE,
            FREQUENCY,
            ("id", _("Identificativo dell'antenna sul portale")),
            ("tipo", _("Tipo: cittadino, negozio, gruppo")),
            ("nome", _("Nome pubblico; per i privati cittadini senza consenso, «Antenna cittadina»")),
            ("descrizione", _("Presentazione dell'antenna, se pubblicabile")),
            ("quartiere", _("Quartiere")),
            ("municipalita", _("Municipalità")),
            ("indirizzo", _("Indirizzo di negozi e gruppi; vuoto per i privati cittadini")),
            ("latitudine", _("Latitudine pubblica"), _("gradi decimali (WGS84)")),
            ("longitudine", _("Longitudine pubblica"), _("gradi decimali (WGS84)")),
            (
                "posizione_approssimata",
                _("Vero se la posizione è il centro del quartiere e non quella dell'antenna"),
                "true/false",
            ),
            (
                "servizi",
                _(
                    "I servizi offerti (ritiro_pacchi, piccole_riparazioni, compagnia, spesa_anziani, "
                    "informazioni, banca_del_tempo, portierato), separati da punto e virgola"
                ),
            ),
            ("disponibilita", _("Giorni e orari di disponibilità")),
            ("hub", _("L'HUB di riferimento")),
            ("url", _("Pagina dell'antenna sul portale")),
            ("aggiornato_il", _("Ultima modifica della scheda"), "AAAA-MM-GGThh:mm:ss"),
        ),
        objects=public_antennas,
        row=row,
        filename="antenne",
        last_update=last_update,
    )
