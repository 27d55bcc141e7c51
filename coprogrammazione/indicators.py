"""Co-programming's automatic monitoring indicators (registered in ``CoprogrammazioneConfig.ready``).

MOUs signed count the MOUs whose last signature falls in the period; MOUs active, commitments met and
commitments overdue are stocks read at the moment of the call; resources shared count the sharings dated in
the period.
"""

from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from coprogrammazione.models import CondivisioneRisorsa, Impegno, ProtocolloIntesa
from coprogrammazione.models.protocolli import STATI_FIRMATI
from costellazioni.indicators import admin_changelist, register_indicator, rows_by

STATI_ATTIVI = (ProtocolloIntesa.Stato.ATTIVO, ProtocolloIntesa.Stato.IN_SCADENZA)


def protocolli_firmati(period_start, period_end):
    """Signed MOUs whose last party signed within the period."""
    qs = (
        ProtocolloIntesa.objects.signed()
        .annotate(ultima_firma=Max("parti__firmato_il"))
        .filter(ultima_firma__gte=period_start, ultima_firma__lte=period_end)
    )
    return [(qs.count(), {})]


def protocolli_attivi(period_start, period_end):
    """MOUs in force now (active or about to expire) that started by the end of the period."""
    qs = ProtocolloIntesa.objects.filter(stato__in=STATI_ATTIVI, data_inizio__lte=period_end)
    return [(qs.count(), {})]


def impegni_adempiuti(period_start, period_end):
    """Commitments of signed MOUs met so far, among those due by the end of the period."""
    qs = Impegno.objects.filter(
        protocollo__stato__in=STATI_FIRMATI, stato=Impegno.Stato.ADEMPIUTO, scadenza__lte=period_end
    )
    return [(qs.count(), {})]


def impegni_scaduti(period_start, period_end):
    """Commitments of signed MOUs past their due date at the end of the period and not met: still open, or
    declared not met."""
    qs = Impegno.objects.filter(
        protocollo__stato__in=STATI_FIRMATI,
        stato__in=(*Impegno.APERTI, Impegno.Stato.INADEMPIUTO),
        scadenza__lt=period_end,
    )
    by_stato = qs.values("stato").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_stato, "stato")]


def risorse_condivise(period_start, period_end):
    """Sharings of resources (spaces, equipment, skills, ...) that took place in the period, by kind."""
    qs = CondivisioneRisorsa.objects.filter(data__gte=period_start, data__lte=period_end)
    by_tipo = qs.values("risorsa__tipo").annotate(n=Count("pk")).order_by()
    by_quartiere = qs.values("risorsa__quartiere__slug").annotate(n=Count("pk")).order_by()
    return [
        (qs.count(), {}),
        *rows_by(by_tipo, "risorsa__tipo", label="tipo"),
        *rows_by(by_quartiere, "risorsa__quartiere__slug", label="quartiere"),
    ]


def register():
    register_indicator(
        "coprogrammazione.protocolli_firmati",
        protocolli_firmati,
        name=_("Protocolli d'intesa sottoscritti"),
        unit=_("protocolli"),
        macro_azione=2,
        records=admin_changelist("coprogrammazione", "protocollointesa", stato__in=",".join(STATI_FIRMATI)),
    )
    register_indicator(
        "coprogrammazione.protocolli_attivi",
        protocolli_attivi,
        name=_("Protocolli d'intesa attivi"),
        unit=_("protocolli"),
        macro_azione=2,
        records=admin_changelist("coprogrammazione", "protocollointesa", stato__in=",".join(STATI_ATTIVI)),
    )
    register_indicator(
        "coprogrammazione.impegni_adempiuti",
        impegni_adempiuti,
        name=_("Impegni dei protocolli adempiuti"),
        unit=_("impegni"),
        macro_azione=2,
        records=admin_changelist(
            "coprogrammazione",
            "impegno",
            protocollo__stato__in=",".join(STATI_FIRMATI),
            stato__exact=Impegno.Stato.ADEMPIUTO,
            scadenza__lte="{end}",
        ),
    )
    register_indicator(
        "coprogrammazione.impegni_scaduti",
        impegni_scaduti,
        name=_("Impegni dei protocolli scaduti e non adempiuti"),
        unit=_("impegni"),
        macro_azione=2,
        disaggregations=("stato",),
        records=admin_changelist(
            "coprogrammazione",
            "impegno",
            protocollo__stato__in=",".join(STATI_FIRMATI),
            stato__in=",".join((*Impegno.APERTI, Impegno.Stato.INADEMPIUTO)),
            scadenza__lt="{end}",
        ),
    )
    register_indicator(
        "coprogrammazione.risorse_condivise",
        risorse_condivise,
        name=_("Risorse condivise tra enti"),
        unit=_("condivisioni"),
        macro_azione=2,
        disaggregations=("tipo", "quartiere"),
        records=admin_changelist("coprogrammazione", "condivisionerisorsa", data__gte="{start}", data__lte="{end}"),
    )
