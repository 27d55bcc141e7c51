"""Offers and requests of the time bank, posted by verified members."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from antenne.models import Offerta, Richiesta, SocioBancaDelTempo


def _annuncio_create(model, *, socio, categoria: str, titolo: str, descrizione: str = "", chiave_idempotenza=None):
    """Sent again with the same ``chiave_idempotenza`` (a second click) it returns the post already saved."""
    if socio.stato != SocioBancaDelTempo.Stato.VERIFICATO:
        raise PermissionDenied(_("Solo i soci verificati pubblicano offerte e richieste."))
    if chiave_idempotenza is not None:
        existing = _annuncio_by_key(model, socio=socio, chiave_idempotenza=chiave_idempotenza)
        if existing is not None:
            return existing
    annuncio = model(
        socio=socio,
        categoria=categoria,
        titolo=titolo,
        descrizione=descrizione,
        chiave_idempotenza=chiave_idempotenza,
    )
    annuncio.full_clean(validate_unique=False)
    try:
        with transaction.atomic():  # a concurrent second click with the same key loses the race here
            annuncio.save()
    except IntegrityError:
        if chiave_idempotenza is None:
            raise
        existing = _annuncio_by_key(model, socio=socio, chiave_idempotenza=chiave_idempotenza)
        if existing is None:
            raise
        return existing
    return annuncio


def _annuncio_by_key(model, *, socio, chiave_idempotenza):
    existing = model.objects.filter(chiave_idempotenza=chiave_idempotenza).first()
    if existing is not None and existing.socio_id != socio.pk:
        raise PermissionDenied(_("Questo identificativo appartiene a un altro annuncio."))
    return existing


@transaction.atomic
def offerta_create(
    *, socio: SocioBancaDelTempo, categoria: str, titolo: str, descrizione: str = "", chiave_idempotenza=None
) -> Offerta:
    return _annuncio_create(
        Offerta,
        socio=socio,
        categoria=categoria,
        titolo=titolo,
        descrizione=descrizione,
        chiave_idempotenza=chiave_idempotenza,
    )


@transaction.atomic
def richiesta_create(
    *, socio: SocioBancaDelTempo, categoria: str, titolo: str, descrizione: str = "", chiave_idempotenza=None
) -> Richiesta:
    return _annuncio_create(
        Richiesta,
        socio=socio,
        categoria=categoria,
        titolo=titolo,
        descrizione=descrizione,
        chiave_idempotenza=chiave_idempotenza,
    )
