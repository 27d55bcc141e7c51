"""The file field of every upload: private storage, checked by content, linked to its permission-checked view."""

from django.db import models
from django.db.models.fields.files import FieldFile

from costellazioni.uploads import checks
from costellazioni.uploads.storage import private_storage


class PrivateFieldFile(FieldFile):
    @property
    def url(self):
        """The address of the view that checks permission before serving the file (the admin links to it).

        The model answers with ``download_url(field_name)``; private storage itself has no URL.
        """
        self._require_file()
        download_url = getattr(self.instance, "download_url", None)
        if download_url is None:
            return super().url
        return download_url(self.field.name)


class PrivateFileField(models.FileField):
    """A file kept in private storage, accepted only if its content is on the ``allowed`` list.

    The content check runs on every new file the model is cleaned with (admin forms included); services store
    files through ``costellazioni.uploads.file_store``.
    """

    attr_class = PrivateFieldFile

    def __init__(self, *args, allowed: frozenset = checks.PDF, **kwargs):
        kwargs.setdefault("storage", private_storage)
        self.allowed = allowed
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("storage", None)
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value and not value._committed:
            checks.check_upload(value.file, allowed=self.allowed)
