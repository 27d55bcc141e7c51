import io
import uuid as uuid_module
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from antenne.models import Antenna, Attivita, OperatoreDiComunita, Seguito
from costellazioni.models import Quartiere
from costellazioni.uploads import IMMAGINI, check_upload
from ricerca.models import Bisogno

FOTO_MAX_SIDE = 1600


def foto_normalize(upload) -> ContentFile:
    """Check an upload is an image by its content, turn it upright, shrink it and drop EXIF (GPS included)."""
    try:
        check_upload(upload, allowed=IMMAGINI)
    except ValidationError as error:
        raise ValidationError({"foto": error.error_list}) from error
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((FOTO_MAX_SIDE, FOTO_MAX_SIDE))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=82, optimize=True)  # no exif= argument: nothing carried over
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError({"foto": _("Il file non è un'immagine valida.")}) from error
    return ContentFile(out.getvalue(), name="foto.jpg")


@transaction.atomic
def attivita_log(
    *,
    operatore: OperatoreDiComunita,
    uuid: uuid_module.UUID,
    tipo: str,
    quartiere: Quartiere,
    svolta_il: datetime | None = None,
    luogo: str = "",
    persone_raggiunte: int = 0,
    fasce: dict | None = None,
    antenne: list[Antenna] = (),
    bisogni: list[dict] = (),
    seguiti: list[dict] = (),
    note: str = "",
    foto=None,
) -> tuple[Attivita, bool]:
    """Log one activity; sent again with the same ``uuid`` (an offline replay) it is stored only once.

    Returns ``(attivita, created)``. ``bisogni`` are ``{categoria, descrizione, urgenza}``, stored as
    ``ricerca.Bisogno`` in the activity's quartiere; ``seguiti`` are ``{descrizione, scadenza}``.
    """
    existing = Attivita.objects.filter(uuid=uuid).first()
    if existing is not None:
        if existing.operatore_id != operatore.pk:
            raise PermissionDenied(_("Questo identificativo appartiene a un'altra attività."))
        return existing, False
    attivita = Attivita(
        uuid=uuid,
        operatore=operatore,
        tipo=tipo,
        svolta_il=svolta_il or timezone.now(),
        quartiere=quartiere,
        luogo=luogo,
        persone_raggiunte=persone_raggiunte,
        note=note,
        **(fasce or {}),
    )
    attivita.full_clean(validate_unique=False)
    if foto:
        attivita.foto.save("foto.jpg", foto_normalize(foto), save=False)
    try:
        with transaction.atomic():  # a concurrent replay of the same uuid loses the race here
            attivita.save()
    except IntegrityError:
        existing = Attivita.objects.filter(uuid=uuid, operatore=operatore).first()
        if existing is None:
            raise
        if attivita.foto:
            attivita.foto.delete(save=False)
        return existing, False
    if antenne:
        attivita.antenne.set(antenne)
    nuovi = []
    for dati in bisogni:
        bisogno = Bisogno(quartiere=quartiere, segnalato_da=operatore.user, fonte=Bisogno.Fonte.OPERATORE, **dati)
        bisogno.full_clean()
        nuovi.append(bisogno)
    if nuovi:
        attivita.bisogni.set(Bisogno.objects.bulk_create(nuovi))
    promemoria = []
    for dati in seguiti:
        seguito = Seguito(attivita=attivita, operatore=operatore, **dati)
        seguito.full_clean()
        promemoria.append(seguito)
    Seguito.objects.bulk_create(promemoria)
    return attivita, True


@transaction.atomic
def seguito_done(*, seguito: Seguito, operatore: OperatoreDiComunita, quando: date | None = None) -> Seguito:
    if seguito.operatore_id != operatore.pk:
        raise PermissionDenied(_("Puoi chiudere solo le tue cose da fare."))
    seguito.fatto_il = quando or timezone.now()
    seguito.full_clean()
    seguito.save(update_fields=["fatto_il"])
    return seguito
