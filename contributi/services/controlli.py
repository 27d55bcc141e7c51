"""The checks of an application before submission: completeness, eligibility, budget limits of the call.

They read the application's relations through ``.all()`` (and ``.exists()``), so on
``Candidatura.objects.for_submission()`` they run a single query of their own (one application per ente).
"""

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from contributi.models import Bando, Candidatura
from costellazioni.formatting import euro


def ente_errors(candidatura: Candidatura) -> list[str]:
    """The call's rules on the ente itself: the checks of the wizard's first step."""
    bando, ente = candidatura.bando, candidatura.ente
    errors = []
    if ente.tipo not in bando.tipi_ammessi():
        errors.append(_("Il bando non ammette enti di tipo «%(tipo)s».") % {"tipo": ente.get_tipo_display()})
    if bando.runts_obbligatorio and not ente.runts_numero:
        errors.append(_("Il bando richiede l'iscrizione dell'ente al RUNTS: aggiorna i dati dell'ente."))
    return errors


def progetto_errors(candidatura: Candidatura) -> list[str]:
    """The call's rules on the project: where it takes place."""
    ambito = {q.pk for q in candidatura.bando.quartieri.all()}
    if ambito:
        scelti = {q.pk for q in candidatura.quartieri.all()}
        if not scelti or not scelti <= ambito:
            return [_("Il progetto deve svolgersi nei quartieri previsti dal bando.")]
    return []


def eligibility_errors(candidatura: Candidatura) -> list[str]:
    """Every eligibility rule of the call that the ente or the project does not meet."""
    bando, ente = candidatura.bando, candidatura.ente
    errors = ente_errors(candidatura) + progetto_errors(candidatura)
    if bando.una_candidatura_per_ente and (
        bando.candidature.submitted().filter(ente=ente).exclude(pk=candidatura.pk).exists()
    ):
        errors.append(_("Questo ente ha già presentato una candidatura per il bando, che ne ammette una sola."))
    return errors


def budget_limit_messages(bando: Bando) -> dict[str, str]:
    """What ``budget_errors`` says for each of the call's limits; the budget step also checks them as one types."""
    return {
        "minimo": _("Il contributo richiesto è inferiore al minimo di %(min)s.")
        % {"min": euro(bando.contributo_minimo)},
        "massimo": _("Il contributo richiesto supera il massimo di %(max)s.") % {"max": euro(bando.contributo_massimo)},
        "cofinanziamento": _("Il cofinanziamento deve coprire almeno il %(perc)s%% del costo totale del progetto.")
        % {"perc": _amount(bando.cofinanziamento_percentuale)},
    }


def _amount(value: Decimal) -> str:
    """Italian style, without needless decimals: 30.000, 12,5 (``Decimal.normalize`` would give 1E+1)."""
    return floatformat(value, "-2g")


def budget_errors(candidatura: Candidatura) -> list[str]:
    bando = candidatura.bando
    if not candidatura.voci_budget.exists():
        return [_("Inserisci almeno una voce di budget.")]
    messages = budget_limit_messages(bando)
    richiesto, totale = candidatura.importo_richiesto, candidatura.costo_totale
    errors = []
    if richiesto < bando.contributo_minimo:
        errors.append(messages["minimo"])
    if richiesto > bando.contributo_massimo:
        errors.append(messages["massimo"])
    if totale and candidatura.cofinanziamento * 100 < bando.cofinanziamento_percentuale * totale:
        errors.append(messages["cofinanziamento"])
    return errors


def completeness_errors(candidatura: Candidatura) -> list[str]:
    errors = []
    missing_steps = [
        p for p in Candidatura.Passo if p != Candidatura.Passo.INVIO and p not in candidatura.passi_completati
    ]
    for passo in missing_steps:
        if passo != Candidatura.Passo.ALLEGATI:
            errors.append(_("Completa il passo «%(passo)s».") % {"passo": passo.label})
    errors += allegati_errors(candidatura)
    if not (candidatura.dichiarazione_veridicita and candidatura.dichiarazione_privacy):
        errors.append(_("Rendi le dichiarazioni richieste per presentare la candidatura."))
    return errors


def submission_errors(candidatura: Candidatura) -> list[str]:
    return completeness_errors(candidatura) + eligibility_errors(candidatura) + budget_errors(candidatura)


def allegati_errors(candidatura: Candidatura) -> list[str]:
    """The mandatory documents of the call not yet uploaded."""
    given = {a.richiesto_id for a in candidatura.allegati.all()}
    return [
        _("Manca l'allegato obbligatorio «%(nome)s».") % {"nome": richiesto.nome}
        for richiesto in candidatura.bando.allegati_richiesti.all()
        if richiesto.obbligatorio and richiesto.pk not in given
    ]


# The checks each wizard step must pass to count as complete: the same functions the submission runs.
STEP_CHECKS = {
    Candidatura.Passo.ENTE: ente_errors,
    Candidatura.Passo.PROGETTO: progetto_errors,
    Candidatura.Passo.BUDGET: budget_errors,
    Candidatura.Passo.ALLEGATI: allegati_errors,
}


def step_errors(candidatura: Candidatura, passo: str) -> list[str]:
    """What stops step ``passo`` from being complete (its form fields aside, which its form checks)."""
    check = STEP_CHECKS.get(passo)
    return check(candidatura) if check else []


def saved_steps_errors(candidatura: Candidatura) -> dict[str, list[str]]:
    """For each step saved at least once, what stops it from being complete (an empty list: it is complete)."""
    return {p: step_errors(candidatura, p) for p in Candidatura.Passo if p in candidatura.passi_completati}


def completed_steps(candidatura: Candidatura) -> list[str]:
    """The steps that are really complete: saved at least once and passing their own checks now."""
    return [p for p, errors in saved_steps_errors(candidatura).items() if not errors]
