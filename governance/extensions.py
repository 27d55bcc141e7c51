"""What the governance app puts on core pages: the home's next public meetings, a card in the area personale."""

from datetime import datetime

from django.db.models import Exists
from django.utils import timezone

from costellazioni.baked import baked
from costellazioni.extensions import Section, probed
from governance import selectors
from governance.models import Riunione

HOME_MEETINGS = 3


def home_prossimi_incontri(request) -> dict:
    """One query: the next public meetings that are not cancelled."""
    riunioni = selectors.riunioni_for_list(Riunione.objects.pubbliche().prossime())[:HOME_MEETINGS]
    return {"prossimi_incontri": list(riunioni)}


@baked
def _prossime_riunioni(user_id: int, now: datetime):
    return selectors.riunioni_for_list(Riunione.objects.prossime(now=now).filter(partecipazioni__user_id=user_id))[:5]


def area_personale_riunioni(request) -> Section | None:
    if not request.user.is_authenticated:
        return None
    riunioni = _prossime_riunioni(request.user.pk, timezone.now())
    if not riunioni:
        return None
    return Section("governance/area_personale/sezione.html", {"riunioni": riunioni})


def area_personale_probes(*, now, today) -> dict:
    from costellazioni.extensions import represented_enti_subquery
    from costellazioni.subqueries import count
    from governance.models import Appalto, RapportoAppaltatore
    from governance.permissions import operatore_probe

    enti = represented_enti_subquery()
    da_rivedere = RapportoAppaltatore.objects.filter(
        appaltatore__in=enti, stato=RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE
    )
    return {
        "governance_operatore": operatore_probe(),
        "governance_appalto": Exists(Appalto.objects.in_corso(on=today).filter(appaltatore__in=enti)),
        "governance_da_rivedere": count(da_rivedere),
    }


def area_personale_relazioni(request) -> Section | None:
    """The contractor's representatives reach their activity reports from the area personale."""
    if not request.user.is_authenticated or not (probes := probed(request))["governance_appalto"]:
        return None
    return Section("governance/area_personale/relazioni.html", {"da_rivedere": probes["governance_da_rivedere"]})


def area_personale_contatti(request) -> Section | None:
    """Community operators and staff reach the care-of-the-network log from the area personale."""
    from governance.permissions import can_use_contatti

    if not request.user.is_authenticated:
        return None
    if not can_use_contatti(request.user, operatore=probed(request)["governance_operatore"]):
        return None
    return Section("governance/area_personale/contatti.html")
