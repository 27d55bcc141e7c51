"""What co-programming puts on core pages: a card in the area personale for the enti a person represents."""

from coprogrammazione.models import ManifestazioneInteresse, ParteProtocollo, ProtocolloIntesa
from costellazioni.extensions import Section, represented_enti


def area_personale_coprogrammazione(request) -> Section | None:
    """Two queries: the enti's expressions of interest, and their parts of MOUs still to sign; none without enti."""
    if not request.user.is_authenticated:
        return None
    enti = represented_enti(request)
    if not enti:
        return None
    manifestazioni = list(
        ManifestazioneInteresse.objects.filter(ente__in=enti).select_related("ente", "percorso").order_by("-pk")[:5]
    )
    da_firmare = list(
        ParteProtocollo.objects.filter(
            ente__in=enti, firmato_il__isnull=True, protocollo__stato=ProtocolloIntesa.Stato.IN_FIRMA
        ).select_related("protocollo")
    )
    if not manifestazioni and not da_firmare:
        return None
    return Section(
        "coprogrammazione/area_personale/sezione.html",
        {"manifestazioni": manifestazioni, "da_firmare": da_firmare},
    )
