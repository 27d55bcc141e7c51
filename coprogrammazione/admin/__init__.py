"""The staff's admin for co-programming: an adapter over the services and permission rules."""

from coprogrammazione.admin import percorsi, protocolli  # noqa: F401 (registers the model admins)
