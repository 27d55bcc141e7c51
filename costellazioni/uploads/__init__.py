"""One upload component for every file of the portal: private storage, content checks, one store, one response."""

from costellazioni.uploads.checks import (
    EXTENSIONS,
    IMMAGINI,
    PDF,
    PDF_O_IMMAGINI,
    check_upload,
    safe_filename,
    upload_sha256,
)
from costellazioni.uploads.fields import PrivateFileField
from costellazioni.uploads.responses import file_response
from costellazioni.uploads.services import file_delete, file_store
from costellazioni.uploads.storage import PrivateStorage, private_storage

__all__ = [
    "EXTENSIONS",
    "IMMAGINI",
    "PDF",
    "PDF_O_IMMAGINI",
    "PrivateFileField",
    "PrivateStorage",
    "check_upload",
    "file_delete",
    "file_response",
    "file_store",
    "private_storage",
    "safe_filename",
    "upload_sha256",
]
