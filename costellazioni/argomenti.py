"""The topics content is tagged with: the programme's share of the controlled vocabulary of the national model of
municipal sites (Designers Italia, modello Comuni, "Argomenti"), so that a topic means the same on every Comune's
site. The stored value is the vocabulary's own Italian term; the label is translated."""

from django.utils.translation import gettext_lazy as _

ARGOMENTI = [
    ("Assistenza sociale", _("Assistenza sociale")),
    ("Associazioni", _("Associazioni")),
    ("Formazione professionale", _("Formazione professionale")),
    ("Immigrazione", _("Immigrazione")),
    ("Imprese", _("Imprese")),
    ("Integrazione sociale", _("Integrazione sociale")),
    ("Istruzione", _("Istruzione")),
    ("Lavoro", _("Lavoro")),
    ("Patrimonio culturale", _("Patrimonio culturale")),
    ("Tempo libero", _("Tempo libero")),
    ("Trasparenza amministrativa", _("Trasparenza amministrativa")),
]
