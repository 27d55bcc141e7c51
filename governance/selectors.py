"""Reads of the governance pages, each with its select/prefetch decided once."""

from django.db.models import Prefetch

from governance.models import Azione, Decisione, MembroOrgano, Organo, RisultatoAtteso, Riunione


def organi_pubblici():
    membri = MembroOrgano.objects.in_carica().select_related("user", "ente").order_by("ruolo", "pk")
    return Organo.objects.pubblici().prefetch_related(Prefetch("membri", queryset=membri, to_attr="membri_in_carica"))


def riunioni_for_list(queryset):
    return queryset.select_related("organo", "hub")


def decisioni_for_register(queryset):
    return queryset.select_related("punto__riunione__organo").prefetch_related(
        Prefetch("azioni", queryset=Azione.objects.order_by("scadenza", "pk"))
    )


def catena_orientamenti(user):
    """The assembly's orientations with what the committee made of them: activities, actions, results."""
    attuazioni = (
        Decisione.objects.visible_to(user)
        .select_related("punto__riunione__organo")
        .prefetch_related(
            Prefetch("azioni", queryset=Azione.objects.order_by("scadenza", "pk")),
            Prefetch("risultati", queryset=RisultatoAtteso.objects.order_by("pk")),
        )
        .order_by("punto__riunione__inizio", "pk")
    )
    return (
        Decisione.objects.visible_to(user)
        .orientamenti()
        .select_related("punto__riunione__organo")
        .prefetch_related(Prefetch("attuazioni", queryset=attuazioni, to_attr="attuazioni_visibili"))
        .order_by("punto__riunione__inizio", "pk")
    )


__all__ = ["Riunione", "catena_orientamenti", "decisioni_for_register", "organi_pubblici", "riunioni_for_list"]
