"""The grant procedure's lines of the staff work queue ("Da fare" on the admin index), registered from ``apps.py``.

Each provider answers for one user in one query at most, and links to the changelist filtered to the same rows.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from contributi import permissions
from contributi.models import Candidatura, Preavviso, Rendiconto, RichiestaIntegrazioni
from costellazioni.extensions import count_item, register_work_item


def _url(model: str, query: str) -> str:
    return f"{reverse(f'admin:contributi_{model}_changelist')}?{query}"


def istruttoria(user):
    if not permissions.may_work_selection(user):
        return None
    return count_item(
        label=_("Candidature in attesa di istruttoria"),
        queryset=Candidatura.objects.awaiting_istruttoria().workable_by(user),
        url=_url("candidatura", "da_fare=istruttoria"),
    )


def soccorso_istruttorio(user):
    if not permissions.may_work_selection(user):
        return None
    return count_item(
        label=_("Soccorso istruttorio: risposte attese"),
        queryset=RichiestaIntegrazioni.objects.pending(),
        url=_url("richiestaintegrazioni", "aperta=1"),
        deadline="scadenza",
    )


def preavvisi(user):
    if not permissions.may_work_selection(user):
        return None
    return count_item(
        label=_("Preavvisi di rigetto da decidere"),
        queryset=Preavviso.objects.undecided(),
        url=_url("preavviso", "aperto=1"),
        deadline="scadenza",
    )


def schede_mancanti(user):
    if not permissions.may_work_selection(user):
        return None
    return count_item(
        label=_("Candidature con schede di valutazione mancanti"),
        queryset=Candidatura.objects.missing_score_sheets().workable_by(user),
        url=_url("candidatura", "da_fare=schede_mancanti"),
    )


def rendiconti(user):
    if not (permissions.may_work_selection(user) and user.has_perm("contributi.change_rendiconto")):
        return None
    return count_item(
        label=_("Rendiconti e richieste di pagamento da esaminare"),
        queryset=Rendiconto.objects.filter(stato=Rendiconto.Stato.PRESENTATO),
        url=_url("rendiconto", "stato__exact=presentato"),
    )


def register() -> None:
    for provider in (istruttoria, soccorso_istruttorio, preavvisi, schede_mancanti, rendiconti):
        register_work_item(provider)
