"""What the grants app shows on core pages: open calls on the home, a card in the area personale."""

from django.db.models import Count, Q
from django.utils import timezone

from contributi.models import Bando, Candidatura
from costellazioni.extensions import Section, represented_enti


def home_bandi_aperti(request) -> dict:
    return {"bandi_aperti": list(Bando.objects.open(timezone.now()).order_by("termine")[:3])}


def area_personale_candidature(request) -> Section | None:
    if not request.user.is_authenticated:
        return None
    enti = represented_enti(request)
    counts = {"bozze": 0, "presentate": 0}
    if enti:  # the applications of the enti the person represents (Candidatura.objects.represented_by)
        counts = Candidatura.objects.filter(ente__in=enti).aggregate(
            bozze=Count("pk", filter=Q(stato=Candidatura.Stato.BOZZA)),
            presentate=Count("pk", filter=~Q(stato__in=[Candidatura.Stato.BOZZA, Candidatura.Stato.RITIRATA])),
        )
    return Section("contributi/area_personale_sezione.html", counts)
