"""Private storage: under MEDIA_ROOT/privato, never given a URL; files leave it only through ``file_response``."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "privato")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view that checks permission.")


def private_storage():
    return PrivateStorage()
