"""The summary of a research questionnaire's results shown next to the evaluation activity that used it."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ricerca.selectors import compilazioni_inviate, risultati


def riepilogo(questionario) -> dict:
    """``{"risposte": n, "domande": [(testo, sintesi)]}``: means for scales and numbers, counts for choices."""
    righe = []
    for risultato in risultati(questionario):
        if risultato.media is not None:
            sintesi = _("media %(media)s su %(n)s risposte") % {
                "media": number_format(risultato.media, 2),
                "n": risultato.risposte,
            }
        elif risultato.conteggi:
            sintesi = "; ".join(f"{scelta}: {n}" for scelta, n in risultato.conteggi)
        else:
            sintesi = _("%(n)s risposte libere") % {"n": risultato.risposte}
        righe.append((risultato.domanda.testo, sintesi))
    return {"risposte": compilazioni_inviate(questionario).count(), "domande": righe}
