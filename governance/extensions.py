"""What the governance app puts on core pages: the home's next public meetings, a card in the area personale."""

from costellazioni.extensions import Section
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
