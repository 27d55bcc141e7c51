"""Kept only because historical migrations name ``coprogrammazione.uploads.private_storage``.

New code uses ``costellazioni.uploads``.
"""

from costellazioni.uploads.storage import private_storage  # noqa: F401
