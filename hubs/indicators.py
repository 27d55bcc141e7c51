"""The HUBs' automatic monitoring indicators (registered in ``HubsConfig.ready``)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from costellazioni.indicators import admin_changelist, period_bounds, register_indicator, rows_by
from hubs.models import Appuntamento, Connessione, Prenotazione


def prenotazioni_confermate(period_start, period_end):
    start, end = period_bounds(period_start, period_end)
    qs = Prenotazione.objects.filter(stato=Prenotazione.Stato.CONFERMATA, inizio__gte=start, inizio__lt=end)
    by_quartiere = qs.values("spazio__hub__quartiere__slug").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_quartiere, "spazio__hub__quartiere__slug", label="quartiere")]


def servizi_erogati(period_start, period_end):
    """Appointments of the HUB services held in the period (sportello progetti, orientamento, ...)."""
    start, end = period_bounds(period_start, period_end)
    qs = Appuntamento.objects.filter(stato=Appuntamento.Stato.SVOLTO, inizio__gte=start, inizio__lt=end)
    by_quartiere = qs.values("servizio__hub__quartiere__slug").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_quartiere, "servizio__hub__quartiere__slug", label="quartiere")]


def connessioni(period_start, period_end):
    qs = Connessione.objects.filter(data__gte=period_start, data__lte=period_end)
    by_esito = qs.values("esito").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_esito, "esito")]


def register():
    register_indicator(
        "hubs.prenotazioni_confermate",
        prenotazioni_confermate,
        name=_("Prenotazioni confermate degli spazi degli HUB"),
        unit=_("prenotazioni"),
        macro_azione=3,
        disaggregations=("quartiere",),
        records=admin_changelist(
            "hubs", "prenotazione", stato__exact="confermata", inizio__date__gte="{start}", inizio__date__lte="{end}"
        ),
    )
    register_indicator(
        "hubs.servizi_erogati",
        servizi_erogati,
        name=_("Servizi degli HUB erogati (appuntamenti svolti)"),
        unit=_("appuntamenti"),
        macro_azione=3,
        disaggregations=("quartiere",),
        records=admin_changelist(
            "hubs", "appuntamento", stato__exact="svolto", inizio__date__gte="{start}", inizio__date__lte="{end}"
        ),
    )
    register_indicator(
        "hubs.connessioni",
        connessioni,
        name=_("Connessioni tra organizzazioni facilitate dagli HUB"),
        unit=_("connessioni"),
        macro_azione=3,
        disaggregations=("esito",),
        records=admin_changelist("hubs", "connessione", data__gte="{start}", data__lte="{end}"),
    )
