"""One door to store an upload on a model: checked, hashed, cleaned, saved; the replaced file goes after commit."""

from django.core.exceptions import ValidationError
from django.db import transaction

from costellazioni.uploads import checks


def _delete_after_commit(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def file_store(*, instance, field_name: str, uploaded, allowed: frozenset | None = None, stem: str = ""):
    """Put ``uploaded`` in ``instance.<field_name>`` after checking its content, then clean and save ``instance``.

    The model's own ``nome_originale``, ``content_type``, ``dimensione`` and ``sha256`` fields, where it has them,
    are filled in. The stored name is ``<stem or digest><extension>``; the previous file is removed only once the
    transaction commits, so a failure leaves the old one in place.
    """
    field = instance._meta.get_field(field_name)
    try:
        content_type = checks.check_upload(uploaded, allowed=allowed or field.allowed)
    except ValidationError as exc:
        raise ValidationError({field_name: exc.error_list}) from exc
    sha256 = checks.upload_sha256(uploaded)
    metadata = {
        "nome_originale": checks.safe_filename(uploaded.name)[:200],
        "content_type": content_type,
        "dimensione": uploaded.size,
        "sha256": sha256,
    }
    model_fields = {f.name for f in instance._meta.concrete_fields}
    for name, value in metadata.items():
        if name in model_fields:
            setattr(instance, name, value)
    previous = getattr(instance, field_name).name or ""
    stored_name = f"{checks.safe_filename(stem) if stem else sha256[:16]}{checks.EXTENSIONS[content_type]}"
    getattr(instance, field_name).save(stored_name, uploaded, save=False)
    instance.full_clean()
    instance.save()
    if previous != getattr(instance, field_name).name:
        _delete_after_commit(field.storage, previous)
    return instance


def file_delete(fieldfile) -> None:
    """Forget a stored file: the row's reference goes now, the file itself once the transaction commits."""
    if fieldfile:
        _delete_after_commit(fieldfile.storage, fieldfile.name)
