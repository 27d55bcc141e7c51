"""Signals other apps listen to without ricerca importing them (imports go one way: see DESIGN.md)."""

from django.dispatch import Signal

# Sent by ``bisogno_report`` once a need reported from the portal is saved; ``bisogno`` is the new row.
# antenne connects the receiver that tells the quartiere's operators.
bisogno_segnalato = Signal()
