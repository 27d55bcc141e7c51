"""Writes of the theory of change: causal links kept acyclic, comments, versions, approval."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni import page_cache
from costellazioni.events import Notifica as CostellazioniNotifica
from costellazioni.permissions import is_staff_comunale
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition
from ricerca import permissions, workflows
from ricerca.events import Evento
from ricerca.models import CollegamentoToc, CommentoToc, ElementoToc, TeoriaCambiamento


def crea_ciclo(archi: set[tuple[int, int]], da: int, a: int) -> bool:
    """Would the link ``da → a`` close a cycle, i.e. does ``a`` already lead (transitively) to ``da``?"""
    uscite: dict[int, list[int]] = {}
    for sorgente, destinazione in archi:
        uscite.setdefault(sorgente, []).append(destinazione)
    da_visitare, visti = [a], set()
    while da_visitare:
        nodo = da_visitare.pop()
        if nodo == da:
            return True
        if nodo not in visti:
            visti.add(nodo)
            da_visitare.extend(uscite.get(nodo, []))
    return False


def _modificabile(teoria: TeoriaCambiamento, actor) -> None:
    if not is_staff_comunale(actor):
        raise PermissionDenied(_("Non hai i permessi per questa operazione."))
    if teoria.stato != TeoriaCambiamento.Stato.BOZZA:
        raise ValidationError(_("Si modifica solo una versione in bozza: creane una nuova."), code="non_in_bozza")


@transaction.atomic
def teoria_save(*, teoria: TeoriaCambiamento, actor) -> TeoriaCambiamento:
    """Register a version, or correct a draft's number, title and summary (staff)."""
    if teoria.pk is None:
        if not is_staff_comunale(actor):
            raise PermissionDenied(_("Non hai i permessi per questa operazione."))
        evento = Evento.VERSIONE_CREATA
    else:
        _modificabile(TeoriaCambiamento.objects.select_for_update().get(pk=teoria.pk), actor)
        evento = Evento.VERSIONE_MODIFICATA
    teoria.full_clean()
    teoria.save()
    audit_record(obj=teoria, evento=evento, autore=actor)
    return teoria


@transaction.atomic
def teoria_elemento_save(*, elemento: ElementoToc, actor) -> ElementoToc:
    """Add or correct an element of a draft version."""
    _modificabile(TeoriaCambiamento.objects.select_for_update().get(pk=elemento.teoria_id), actor)
    elemento.full_clean()
    elemento.save()
    return elemento


@transaction.atomic
def teoria_elemento_delete(*, elemento: ElementoToc, actor) -> None:
    """Remove an element (and its links) from a draft version."""
    _modificabile(TeoriaCambiamento.objects.select_for_update().get(pk=elemento.teoria_id), actor)
    elemento.delete()


@transaction.atomic
def teoria_collegamento_add(*, da: ElementoToc, a: ElementoToc, actor) -> CollegamentoToc:
    """Link two elements of the same draft version; a link that would close a cycle is refused."""
    teoria = TeoriaCambiamento.objects.select_for_update().get(pk=da.teoria_id)  # serialises concurrent links
    _modificabile(teoria, actor)
    if a.teoria_id != teoria.pk:
        raise ValidationError(_("I due elementi appartengono a versioni diverse."), code="versioni_diverse")
    archi = set(CollegamentoToc.objects.filter(teoria=teoria).values_list("da_id", "a_id"))
    if (da.pk, a.pk) in archi:
        raise ValidationError(_("Questo collegamento esiste già."), code="duplicato")
    if crea_ciclo(archi, da.pk, a.pk):
        raise ValidationError(
            _("Il collegamento creerebbe un ciclo: «%(a)s» porta già a «%(da)s».") % {"a": a.titolo, "da": da.titolo},
            code="ciclo",
        )
    collegamento = CollegamentoToc(teoria=teoria, da=da, a=a)
    collegamento.full_clean()
    collegamento.save()
    return collegamento


@transaction.atomic
def teoria_collegamento_delete(*, collegamento: CollegamentoToc, actor) -> None:
    """Remove a link from a draft version (removing one never closes a cycle)."""
    _modificabile(TeoriaCambiamento.objects.select_for_update().get(pk=collegamento.teoria_id), actor)
    collegamento.delete()


@transaction.atomic
def teoria_commento_add(*, teoria: TeoriaCambiamento, autore, testo: str) -> CommentoToc:
    decision = permissions.can_comment_teoria(autore, teoria)
    if not decision:
        raise PermissionDenied(decision.reason)
    commento = CommentoToc(teoria=teoria, autore=autore, testo=testo.strip())
    commento.full_clean()
    commento.save()
    return commento


@transaction.atomic
def teoria_transition(*, teoria: TeoriaCambiamento, to: str, actor, note: str = "") -> TeoriaCambiamento:
    """Move a version along bozza → in consultazione → approvata → superata.

    Approving a version supersedes the one approved before it (one approved version at a time) and tells
    the people who commented on it.
    """
    teoria = TeoriaCambiamento.objects.select_for_update().get(pk=teoria.pk)
    roles = permissions.teoria_roles(actor)
    if to == TeoriaCambiamento.Stato.APPROVATA:
        precedente = (
            TeoriaCambiamento.objects.select_for_update().filter(stato=TeoriaCambiamento.Stato.APPROVATA).first()
        )
        if precedente is not None and workflows.COMITATO in roles:
            workflow_transition(
                obj=precedente,
                field="stato",
                table=workflows.TEORIA,
                to=TeoriaCambiamento.Stato.SUPERATA,
                actor=actor,
                roles=roles,
            )
            precedente.save(update_fields=["stato"])
    workflow_transition(obj=teoria, field="stato", table=workflows.TEORIA, to=to, actor=actor, note=note, roles=roles)
    fields = ["stato"]
    if to == TeoriaCambiamento.Stato.APPROVATA:
        teoria.approvata_il, teoria.approvata_da = timezone.now(), actor
        fields += ["approvata_il", "approvata_da"]
        autori = {c.autore for c in teoria.commenti.select_related("autore")}
        notify(
            destinatari=autori,
            tipo=CostellazioniNotifica.AVVISO,
            oggetto=_("La teoria del cambiamento che hai commentato è stata approvata"),
            testo=_("Il comitato di gestione ha approvato la versione %(versione)s.") % {"versione": teoria.versione},
            link=teoria.get_absolute_url(),
        )
    teoria.full_clean()
    teoria.save(update_fields=fields)
    return teoria


@transaction.atomic
def teoria_nuova_versione(*, da: TeoriaCambiamento, actor, titolo: str = "") -> TeoriaCambiamento:
    """A new draft version, copied from ``da`` with its elements, links and indicators."""
    if not is_staff_comunale(actor):
        raise PermissionDenied(_("Non hai i permessi per questa operazione."))
    ultima = TeoriaCambiamento.objects.select_for_update().aggregate(v=Max("versione"))["v"] or 0
    nuova = TeoriaCambiamento(versione=ultima + 1, titolo=titolo or da.titolo, sintesi=da.sintesi)
    nuova.full_clean()
    nuova.save()
    copie = {}
    for elemento in da.elementi.prefetch_related("indicatori"):
        indicatori = list(elemento.indicatori.all())
        vecchio = elemento.pk
        elemento.pk, elemento.teoria = None, nuova
        elemento.save()
        copie[vecchio] = elemento
        for indicatore in indicatori:
            indicatore.pk, indicatore.elemento = None, elemento
            indicatore.save()
    CollegamentoToc.objects.bulk_create(
        CollegamentoToc(teoria=nuova, da=copie[c.da_id], a=copie[c.a_id]) for c in da.collegamenti.all()
    )
    page_cache.bump("ricerca")  # no signal from update()/bulk_create(): pages follow now
    return nuova
