"""What the grants app shows on core pages: open calls on the home, a card in the area personale."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from contributi.models import Bando, Candidatura, MembroCommissione
from costellazioni.extensions import Section, probed, represented_enti_subquery
from costellazioni.subqueries import count


def home_bandi_aperti(request) -> dict:
    return {"bandi_aperti": list(Bando.objects.open(timezone.now()).order_by("termine")[:3])}


def area_personale_probes(*, now, today) -> dict:
    """The applications of the enti the person represents (``Candidatura.objects.represented_by``), by state; whether
    they sit on an evaluation board."""
    candidature = Candidatura.objects.filter(ente__in=represented_enti_subquery())
    return {
        "contributi_commissione": Exists(MembroCommissione.objects.filter(utente=OuterRef("pk"))),
        "contributi_bozze": count(candidature.filter(stato=Candidatura.Stato.BOZZA)),
        "contributi_presentate": count(
            candidature.exclude(stato__in=[Candidatura.Stato.BOZZA, Candidatura.Stato.RITIRATA])
        ),
    }


def area_personale_candidature(request) -> Section | None:
    if not request.user.is_authenticated:
        return None
    counts = probed(request)
    return Section(
        "contributi/area_personale_sezione.html",
        {"bozze": counts["contributi_bozze"], "presentate": counts["contributi_presentate"]},
    )


def area_personale_valutazioni(request) -> Section | None:
    """A card for board members: the applications waiting for their score sheet."""
    if not request.user.is_authenticated or not probed(request)["contributi_commissione"]:
        return None
    da_valutare = Candidatura.objects.assigned_to(request.user).filter(stato=Candidatura.Stato.IN_VALUTAZIONE)
    return Section("contributi/valutazioni/area_personale_sezione.html", {"da_valutare": da_valutare.count()})
