"""What the governance app puts on core pages: the home's next public meetings, a card in the area personale."""

from django.db.models import Exists

from costellazioni.extensions import Section, probed
from governance import selectors
from governance.models import Riunione

HOME_MEETINGS = 3


def home_prossimi_incontri(request) -> dict:
    """One query: the next public meetings that are not cancelled."""
    riunioni = selectors.riunioni_for_list(Riunione.objects.pubbliche().prossime())[:HOME_MEETINGS]
    return {"prossimi_incontri": list(riunioni)}


def area_personale_riunioni(request) -> Section | None:
    if not request.user.is_authenticated:
        return None
    riunioni = list(
        selectors.riunioni_for_list(Riunione.objects.prossime().filter(partecipazioni__user=request.user))[:5]
    )
    if not riunioni:
        return None
    return Section("governance/area_personale/sezione.html", {"riunioni": riunioni})


def area_personale_probes(request) -> dict:
    from costellazioni.extensions import represented_enti
    from costellazioni.subqueries import count
    from governance.models import Appalto, RapportoAppaltatore
    from governance.permissions import operatore_probe

    probes = {"governance_operatore": operatore_probe()}
    if enti := represented_enti(request):
        da_rivedere = RapportoAppaltatore.objects.filter(
            appaltatore__in=enti, stato=RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE
        )
        probes["governance_appalto"] = Exists(Appalto.objects.in_corso().filter(appaltatore__in=enti))
        probes["governance_da_rivedere"] = count(da_rivedere)
    return probes


def area_personale_relazioni(request) -> Section | None:
    """The contractor's representatives reach their activity reports from the area personale."""
    if not request.user.is_authenticated or not (probes := probed(request)).get("governance_appalto"):
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
