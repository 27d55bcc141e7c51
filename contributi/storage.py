"""Private storage for call documents, attachments and receipts: under MEDIA_ROOT, never given a URL.

Files are served only by views that check permission (``contributi.views``).
"""

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
