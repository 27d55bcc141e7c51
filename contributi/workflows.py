"""The application procedure as data: states, transitions and who may fire each one.

``REFERENTE`` is a verified referente of the application's ente (checked in ``contributi.permissions``);
``STAFF`` as in the core. Part 2 (review, evaluation, ranking) extends this table.
"""

from django.utils.translation import gettext_lazy as _

from contributi.models import Candidatura
from costellazioni.workflows import STAFF, Transition

REFERENTE = "referente"

C = Candidatura.Stato
CANDIDATURA = {
    (C.BOZZA, C.PRESENTATA): Transition(_("Candidatura presentata"), frozenset({REFERENTE})),
    (C.PRESENTATA, C.RITIRATA): Transition(_("Candidatura ritirata"), frozenset({REFERENTE})),
}

__all__ = ["CANDIDATURA", "REFERENTE", "STAFF"]
