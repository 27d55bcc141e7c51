"""The ranking: computed from the final scores, approved with a determina dirigenziale, then published.

Order: final score, then the points of the call's tie-break criterion, then the earlier submission.
Below the threshold an application is non idonea (after a preavviso di rigetto). Applications are funded
in order while the budget lasts; the first that does not fit gets the remainder when the call allows
partial funding (and the remainder reaches the call's minimum contribution); every later one is idonea
non finanziata.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contributi import permissions, workflows
from contributi.events import Evento
from contributi.models import Bando, Candidatura, Graduatoria, PosizioneGraduatoria, Preavviso
from contributi.permissions import require_selection_worker
from contributi.services.candidature import candidatura_transition
from contributi.services.commissione import conflicted_sheets, punteggio_finale, regole_for, valutazioni_prefetch
from contributi.services.istruttoria import preavviso_send
from costellazioni import page_cache
from costellazioni.formatting import euro
from costellazioni.permissions import require_approver
from costellazioni.services.audit import audit_record
from costellazioni.services.workflow import workflow_fire, workflow_transition

S = Candidatura.Stato
E = PosizioneGraduatoria.Esito
IN_CORSO = (S.PRESENTATA, S.IN_ISTRUTTORIA, S.INTEGRAZIONI_RICHIESTE, S.AMMISSIBILE, S.IN_VALUTAZIONE)

GRADUATORIA_PDF_TEMPLATE = "contributi/pdf/graduatoria.html"


def ranking_rows(bando: Bando) -> list[dict]:
    """The evaluated applications of ``bando`` in ranking order with their outcome, without saving anything."""
    regole = regole_for(bando)
    tie_code = regole.criterio_spareggio.codice if regole.criterio_spareggio_id else None
    candidature = (
        Candidatura.objects.filter(bando=bando, stato=S.VALUTATA)
        .select_related("bando", "ente")
        .prefetch_related(valutazioni_prefetch())
    )
    rows = []
    for candidatura in candidature:
        finale = punteggio_finale(candidatura, regole=regole)
        if finale is None:
            raise ValidationError(_("La candidatura %(c)s non ha un punteggio finale.") % {"c": candidatura})
        rows.append({"candidatura": candidatura, "punteggio": finale["totale"], "criteri": finale["criteri"]})
    rows.sort(
        key=lambda r: (
            -r["punteggio"],
            -(r["criteri"].get(tie_code, Decimal(0)) if tie_code else Decimal(0)),
            r["candidatura"].presentata_il,
            r["candidatura"].numero_protocollo,
        )
    )
    residuo = bando.budget_totale
    posizione = 0
    exhausted = False
    for row in rows:
        candidatura = row["candidatura"]
        row["importo"] = None
        if row["punteggio"] < regole.soglia_minima:
            row["posizione"], row["esito"] = None, E.NON_IDONEA
            continue
        posizione += 1
        row["posizione"] = posizione
        richiesto = candidatura.importo_richiesto
        if not exhausted and richiesto <= residuo:
            row["esito"], row["importo"] = E.FINANZIATA, richiesto
            residuo -= richiesto
        elif not exhausted and regole.finanziamento_parziale and residuo > 0 and residuo >= bando.contributo_minimo:
            row["esito"], row["importo"] = E.FINANZIATA_PARZIALMENTE, residuo
            residuo = Decimal(0)
            exhausted = True
        else:
            row["esito"] = E.IDONEA_NON_FINANZIATA
            exhausted = True
    return rows


@transaction.atomic
def graduatoria_compute(*, bando: Bando, actor, now=None) -> Graduatoria:
    """Compute (or recompute) the provisional ranking; non-idonee get their preavviso di rigetto."""
    require_selection_worker(actor)
    now = now or timezone.now()
    bando = Bando.objects.select_for_update().get(pk=bando.pk)
    graduatoria = Graduatoria.objects.select_for_update().filter(bando=bando).first()
    if graduatoria is not None and graduatoria.stato != Graduatoria.Stato.PROVVISORIA:
        raise ValidationError(_("La graduatoria è già approvata: non si ricalcola."))
    in_corso = bando.candidature.filter(stato__in=IN_CORSO).count()
    if in_corso:
        raise ValidationError(
            ngettext(
                "%(n)d candidatura non ha ancora concluso istruttoria e valutazione.",
                "%(n)d candidature non hanno ancora concluso istruttoria e valutazione.",
                in_corso,
            )
            % {"n": in_corso}
        )
    conflicted = list(conflicted_sheets(bando))
    if conflicted:
        raise ValidationError(
            [
                ValidationError(
                    _(
                        "%(membro)s ha valutato %(c)s pur essendo in conflitto di interessi (è o è stato "
                        "rappresentante dell'ente, o ha scritto la candidatura): annulla la scheda prima di calcolare "
                        "la graduatoria."
                    )
                    % {"membro": v.membro, "c": v.candidatura},
                    code="conflicted_scores",
                )
                for v in conflicted
            ]
        )
    rows = ranking_rows(bando)
    if not rows:
        raise ValidationError(_("Nessuna candidatura valutata."))
    if graduatoria is None:
        graduatoria = Graduatoria(bando=bando)
    graduatoria.budget = bando.budget_totale
    graduatoria.calcolata_il = now
    graduatoria.calcolata_da = actor
    graduatoria.full_clean()
    graduatoria.save()
    graduatoria.posizioni.all().delete()
    PosizioneGraduatoria.objects.bulk_create(
        PosizioneGraduatoria(
            graduatoria=graduatoria,
            candidatura=row["candidatura"],
            posizione=row["posizione"],
            punteggio=row["punteggio"],
            punteggi_criteri={k: str(v) for k, v in row["criteri"].items()},
            esito=row["esito"],
            importo_concesso=row["importo"],
        )
        for row in rows
    )
    page_cache.bump("contributi")  # no signal from update()/bulk_create(): pages follow now
    regole = regole_for(bando)
    for row in rows:
        candidatura = row["candidatura"]
        if row["esito"] != E.NON_IDONEA:
            continue
        if candidatura.preavvisi.filter(fase=Preavviso.Fase.VALUTAZIONE, esito=Preavviso.Esito.CONFERMATO).exists():
            continue
        if candidatura.preavvisi.undecided().filter(fase=Preavviso.Fase.VALUTAZIONE).exists():
            continue
        preavviso_send(
            candidatura=candidatura,
            actor=actor,
            fase=Preavviso.Fase.VALUTAZIONE,
            motivi=_(
                "Il punteggio attribuito dalla commissione (%(punti)s) è inferiore alla soglia minima di "
                "idoneità prevista dal bando (%(soglia)s)."
            )
            % {"punti": row["punteggio"], "soglia": regole.soglia_minima},
            now=now,
        )
    audit_record(obj=bando, evento=Evento.GRADUATORIA_PROVVISORIA_CALCOLATA, autore=actor)
    return graduatoria


def approval_errors(graduatoria: Graduatoria, *, now=None) -> list[str]:
    errors = []
    for posizione in graduatoria.posizioni.filter(esito=E.NON_IDONEA).select_related("candidatura"):
        candidatura = posizione.candidatura
        preavvisi = candidatura.preavvisi.filter(fase=Preavviso.Fase.VALUTAZIONE)
        if preavvisi.filter(esito=Preavviso.Esito.CONFERMATO).exists():
            continue
        aperto = preavvisi.undecided().first()
        if aperto is not None:
            errors.append(
                _("%(c)s: il preavviso di rigetto attende le osservazioni o la decisione.") % {"c": candidatura}
            )
        else:
            errors.append(
                _("%(c)s: le osservazioni sono state accolte; rivedi il punteggio e ricalcola la graduatoria.")
                % {"c": candidatura}
            )
    return errors


@transaction.atomic
def graduatoria_approve(
    *, graduatoria: Graduatoria, actor, determina_numero: str, determina_data, now=None
) -> Graduatoria:
    """Record the determina dirigenziale that approves the provisional ranking."""
    require_selection_worker(actor)
    now = now or timezone.now()
    graduatoria = Graduatoria.objects.select_for_update().get(pk=graduatoria.pk)
    if graduatoria.stato != Graduatoria.Stato.PROVVISORIA:
        raise ValidationError(_("La graduatoria è già approvata."))
    if not (determina_numero or "").strip() or determina_data is None:
        raise ValidationError(_("Indica numero e data della determina dirigenziale."))
    for posizione in graduatoria.posizioni.select_related("candidatura__ente"):
        require_approver(permissions.can_decide(actor, posizione.candidatura))
    errors = approval_errors(graduatoria, now=now)
    if errors:
        raise ValidationError(errors)
    workflow_transition(
        obj=graduatoria,
        field="stato",
        table=workflows.GRADUATORIA,
        to=Graduatoria.Stato.APPROVATA,
        actor=actor,
        note=_("Determina n. %(n)s del %(d)s") % {"n": determina_numero.strip(), "d": determina_data},
    )
    graduatoria.determina_numero = determina_numero.strip()
    graduatoria.determina_data = determina_data
    graduatoria.approvata_il = now
    graduatoria.approvata_da = actor
    graduatoria.full_clean()
    graduatoria.save()
    return graduatoria


@transaction.atomic
def graduatoria_publish(*, graduatoria: Graduatoria, actor, now=None) -> Graduatoria:
    """Publish the approved ranking: each application gets its outcome and the call is concluded."""
    require_selection_worker(actor)
    now = now or timezone.now()
    graduatoria = Graduatoria.objects.select_for_update().select_related("bando").get(pk=graduatoria.pk)
    if graduatoria.stato != Graduatoria.Stato.APPROVATA:
        raise ValidationError(_("Si pubblica solo una graduatoria approvata con determina."))
    determina = _("determina n. %(n)s del %(d)s") % {
        "n": graduatoria.determina_numero,
        "d": graduatoria.determina_data.strftime("%d/%m/%Y"),
    }
    for posizione in graduatoria.posizioni.select_related("candidatura"):
        candidatura = posizione.candidatura
        common = {"posizione": posizione.posizione, "punti": posizione.punteggio, "determina": determina}
        if posizione.is_funded:
            candidatura_transition(
                candidatura=candidatura,
                to=S.FINANZIATA,
                actor=actor,
                note=determina,
                messaggio=_(
                    "La graduatoria è pubblicata (%(determina)s): la candidatura è in posizione %(posizione)s con "
                    "%(punti)s punti ed è finanziata con un contributo di %(importo)s."
                )
                % {**common, "importo": euro(posizione.importo_concesso)},
                importo_concesso=posizione.importo_concesso,
            )
        elif posizione.esito == E.IDONEA_NON_FINANZIATA:
            candidatura_transition(
                candidatura=candidatura,
                to=S.IDONEA_NON_FINANZIATA,
                actor=actor,
                note=determina,
                messaggio=_(
                    "La graduatoria è pubblicata (%(determina)s): la candidatura è idonea, in posizione "
                    "%(posizione)s con %(punti)s punti, ma le risorse del bando non bastano a finanziarla."
                )
                % common,
            )
        else:
            preavviso = candidatura.preavvisi.filter(
                fase=Preavviso.Fase.VALUTAZIONE, esito=Preavviso.Esito.CONFERMATO
            ).first()
            candidatura_transition(
                candidatura=candidatura,
                to=S.NON_IDONEA,
                actor=actor,
                note=_("%(motivi)s\n\nValutazione delle osservazioni: %(considerazioni)s (%(determina)s)")
                % {"motivi": preavviso.motivi, "considerazioni": preavviso.considerazioni, "determina": determina},
            )
    workflow_fire(obj=graduatoria, to=Graduatoria.Stato.PUBBLICATA, actor=actor, pubblicata_il=now)
    workflow_fire(obj=graduatoria.bando, to=Bando.Stato.CONCLUSO, actor=actor)
    page_cache.bump("contributi")  # no signal from update()/bulk_create(): pages follow now
    return graduatoria


def graduatoria_pdf_context(*, graduatoria: Graduatoria) -> dict:
    """What the ranking's PDF shows: the call, its criteria and every position with its points per criterion."""
    criteri = list(graduatoria.bando.criteri.all())
    posizioni = list(graduatoria.posizioni.for_list())
    for posizione in posizioni:
        posizione.per_criterio = [posizione.punti_criterio(c) for c in criteri]
    return {"graduatoria": graduatoria, "bando": graduatoria.bando, "posizioni": posizioni, "criteri": criteri}


def graduatoria_render_pdf(*, graduatoria: Graduatoria) -> bytes:
    from costellazioni.services.pdf import pdf_render

    return pdf_render(
        template_name=GRADUATORIA_PDF_TEMPLATE, context=graduatoria_pdf_context(graduatoria=graduatoria), pdfa=True
    )
