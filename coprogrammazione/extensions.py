"""What co-programming puts on core pages: a card in the area personale for the enti a person represents."""

from coprogrammazione.models import ManifestazioneInteresse, ParteProtocollo, ProtocolloIntesa
from costellazioni.baked import baked
from costellazioni.extensions import Section, represented_enti
from costellazioni.models import Membership


@baked
def _manifestazioni(user_id: int):
    enti = Membership.objects.acting_enti(user_id)
    return ManifestazioneInteresse.objects.filter(ente__in=enti).select_related("ente", "percorso").order_by("-pk")[:5]


@baked
def _da_firmare(user_id: int):
    enti = Membership.objects.acting_enti(user_id)
    return ParteProtocollo.objects.filter(
        ente__in=enti, firmato_il__isnull=True, protocollo__stato=ProtocolloIntesa.Stato.IN_FIRMA
    ).select_related("protocollo")


def area_personale_coprogrammazione(request) -> Section | None:
    """Two queries: the enti's expressions of interest, and their parts of MOUs still to sign; none without enti."""
    if not request.user.is_authenticated or not represented_enti(request):
        return None
    manifestazioni = _manifestazioni(request.user.pk)
    da_firmare = _da_firmare(request.user.pk)
    if not manifestazioni and not da_firmare:
        return None
    return Section(
        "coprogrammazione/area_personale/sezione.html",
        {"manifestazioni": manifestazioni, "da_firmare": da_firmare},
    )
