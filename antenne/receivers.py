"""Receivers of other apps' signals, connected in ``AntenneConfig.ready()``."""

from antenne.services import bisogno_notify


def bisogno_segnalato(sender, *, bisogno, **kwargs):
    """A need reported from the portal: tell the operators who follow its quartiere."""
    bisogno_notify(bisogno=bisogno)
