"""Kept only because historical migrations name ``contributi.storage.private_storage``.

New code uses ``costellazioni.uploads``.
"""

from costellazioni.uploads.storage import private_storage  # noqa: F401
