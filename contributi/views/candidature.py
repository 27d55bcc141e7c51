from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from contributi import forms, permissions, services
from contributi.models import Bando, Candidatura, DocumentoBando, Rettifica
from contributi.selectors import partner_rows, quartieri_scelti, represented_candidatura
from contributi.services.contenuto import candidatura_contenuto, candidatura_pdf_render
from costellazioni.models import Ente
from costellazioni.page_cache import public_page
from costellazioni.permissions import ALLOWED, require_identity_level
from costellazioni.uploads import file_response

P = Candidatura.Passo
PASSI = list(P)


# --- public pages ---------------------------------------------------------------------------------


@public_page("contributi", "costellazioni")
def lista(request):
    now = timezone.now()
    bandi = Bando.objects.public()
    linea = request.GET.get("linea", "")
    if linea in Bando.Linea.values:
        bandi = bandi.filter(linea=linea)
    gruppi = [
        ("aperti", _("Bandi aperti"), bandi.open(now).order_by("termine")),
        ("in_arrivo", _("Di prossima apertura"), bandi.upcoming(now).order_by("apertura")),
    ]
    chiusi = Paginator(bandi.closed(now).order_by("-termine"), 10).get_page(request.GET.get("page"))
    return render(
        request,
        "contributi/lista.html",
        {
            "gruppi": [(k, t, list(q)) for k, t, q in gruppi],
            "chiusi": chiusi,
            "linea": linea,
            "linee": Bando.Linea.choices,
            "query_string": f"{urlencode({'linea': linea})}&" if linea in Bando.Linea.values else "",
        },
    )


@public_page("contributi", "costellazioni")
def dettaglio(request, slug):
    bando = get_object_or_404(
        Bando.objects.public().prefetch_related(
            "criteri", "allegati_richiesti", "faq", "documenti", "rettifiche", "quartieri"
        ),
        slug=slug,
    )
    return render(
        request, "contributi/dettaglio.html", {"bando": bando, "now": timezone.now(), "countdown": _countdown_labels()}
    )


def _countdown_labels():
    """The words of the live countdown (contributi/countdown.js), translated here like every UI string."""
    return {
        "mancano": _("tempo rimasto: {tempo}"),
        "chiuso": _("Il bando è chiuso: non si possono più presentare candidature."),
        "e": _("e"),
        "unita": {
            "d": [_("giorno"), _("giorni")],
            "h": [_("ora"), _("ore")],
            "m": [_("minuto"), _("minuti")],
            "s": [_("secondo"), _("secondi")],
        },
    }


def documento(request, slug, pk):
    doc = get_object_or_404(DocumentoBando, pk=pk, bando__slug=slug, bando__stato__in=_public_states())
    return file_response(doc.file, filename=doc.file.name.rsplit("/", 1)[-1], inline=True, private=False)


def rettifica_documento(request, slug, numero):
    rettifica = get_object_or_404(
        Rettifica, numero=numero, bando__slug=slug, bando__stato__in=_public_states(), documento__gt=""
    )
    return file_response(rettifica.documento, filename=f"{slug}-rettifica-{numero}.pdf", inline=True, private=False)


def testo_bando(request, slug):
    bando = get_object_or_404(Bando.objects.public(), slug=slug)
    if not bando.documento:
        raise Http404
    return file_response(bando.documento, filename=f"{bando.slug}.pdf", inline=True, private=False)


def determina_bando(request, slug):
    bando = get_object_or_404(Bando.objects.public(), slug=slug)
    if not bando.determina:
        raise Http404
    return file_response(bando.determina, filename=f"{bando.slug}-determina.pdf", inline=True, private=False)


def _public_states():
    return [s for s in Bando.Stato.values if s != Bando.Stato.BOZZA]


# --- wizard ---------------------------------------------------------------------------------------


@login_required
def candidatura_start(request, slug):
    bando = get_object_or_404(Bando.objects.public(), slug=slug)
    enti = Ente.objects.verified().represented_by(request.user).order_by("denominazione")
    decision = permissions.bando_open_decision(bando)
    form = forms.ScegliEnteForm(request.POST or None, enti=enti)
    if request.method == "POST" and decision and form.is_valid():
        try:
            candidatura = services.candidatura_start(bando=bando, ente=form.cleaned_data["ente"], actor=request.user)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error("ente", _messages_of(exc))
        else:
            return redirect(_step_url(candidatura, _next_step(candidatura)))
    bozze = Candidatura.objects.visible_to(request.user).filter(bando=bando).select_related("ente")
    return render(
        request,
        "contributi/candidatura_start.html",
        {"bando": bando, "form": form, "enti": enti, "decision": decision, "candidature": bozze},
    )


def _messages_of(exc):
    return exc.messages if isinstance(exc, ValidationError) else [str(exc)]


def _step_url(candidatura, passo):
    return reverse("contributi:passo", kwargs={"slug": candidatura.bando.slug, "pk": candidatura.pk, "passo": passo})


def _next_step(candidatura):
    completati = services.completed_steps(candidatura)
    return next((p for p in PASSI if p not in completati), P.INVIO)


def _own_draft(request, slug, pk, *, referente=False) -> tuple[Candidatura, bool]:
    """The application of the URL, among those the person may see (only their enti's with ``referente``), and
    whether the person represents its ente.

    Nearly everyone who opens a step represents the applying ente: their query is tried first, the wider and
    costlier ``visible_to`` (staff, board members) only when it finds nothing. Same answer, as it includes the first.
    """
    if own := represented_candidatura(request.user.pk, pk, slug):
        return own[0], True
    if referente:
        raise Http404
    visible = Candidatura.objects.visible_to(request.user).select_related("bando", "ente")
    return get_object_or_404(visible, pk=pk, bando__slug=slug), False


@login_required
def passo(request, slug, pk, passo):
    if passo not in P.values:
        raise Http404
    submitting = passo == P.INVIO and request.method == "POST"
    if submitting:
        response = _submit(request, slug, pk)
        if response is not None:
            return response
    # Only the ente's referenti submit, so the simpler query of their applications finds it.
    candidatura, represented = _own_draft(request, slug, pk, referente=submitting)
    if not candidatura.is_draft:
        return redirect(candidatura)
    decision = ALLOWED if submitting else permissions.can_edit(request.user, candidatura, represented=represented)
    if not decision:
        messages.error(request, decision.reason)
        return redirect(candidatura)
    handler = STEP_HANDLERS[passo]
    context = handler(request, candidatura)
    if not isinstance(context, dict):
        return context
    index = PASSI.index(passo)
    errori = services.saved_steps_errors(candidatura)
    context.update(
        {
            "bando": candidatura.bando,
            "candidatura": candidatura,
            "passo": P(passo),
            # (step, url, state): "completato" only when it passes its own checks, "da_correggere" when saved
            # but failing them, "" when never saved.
            "passi": [(p, _step_url(candidatura, p), _step_state(p, errori)) for p in PASSI],
            # The step's own checks, shown on the step once it has been saved.
            "errori_passo": errori.get(passo, []),
            "numero_passo": index + 1,
            "totale_passi": len(PASSI),
            "indietro": _step_url(candidatura, PASSI[index - 1]) if index else "",
        }
    )
    return render(request, f"contributi/wizard/{passo}.html", context)


def _step_state(passo, errori):
    if passo not in errori:
        return ""
    return "da_correggere" if errori[passo] else "completato"


def _saved(request, candidatura, passo):
    """After a step's save: the draft is kept; the step stays open while its own checks fail."""
    if services.step_errors(candidatura, passo):
        messages.warning(request, _("Bozza salvata, ma questo passo non è ancora completo: correggi quanto indicato."))
        return redirect(_step_url(candidatura, passo))
    messages.success(request, _("Bozza salvata."))
    if "salva" in request.POST:
        return redirect(_step_url(candidatura, passo))
    return redirect(_step_url(candidatura, PASSI[PASSI.index(passo) + 1]))


def _step_ente(request, candidatura):
    ente = candidatura.ente
    initial = {name: getattr(ente, name) for name in forms.EnteStepForm.base_fields}
    form = forms.EnteStepForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            candidatura = services.candidatura_save_ente(
                candidatura=candidatura, actor=request.user, dati=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(request, candidatura, P.ENTE)
    return {"form": form}


def _step_progetto(request, candidatura):
    initial = {**candidatura.progetto, "titolo": candidatura.titolo, "quartieri": quartieri_scelti(candidatura.pk)}
    form = forms.ProgettoForm(request.POST or None, initial=initial)
    partner = forms.PartnerFormSet(
        request.POST or None,
        prefix="partner",
        initial=partner_rows(candidatura.pk),
    )
    if request.method == "POST" and form.is_valid() and partner.is_valid():
        data = form.cleaned_data
        rows = [f.cleaned_data for f in partner if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        try:
            candidatura = services.candidatura_save_progetto(
                candidatura=candidatura,
                actor=request.user,
                titolo=data["titolo"],
                progetto={k: data[k] for k in forms.ProgettoForm.PROGETTO_KEYS},
                quartieri=data["quartieri"],
                partner=rows,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _saved(request, candidatura, P.PROGETTO)
    return {"form": form, "partner": partner}


def _step_budget(request, candidatura):
    voci = forms.VoceFormSet(
        request.POST or None,
        prefix="voci",
        initial=list(candidatura.voci_budget.values("categoria", "descrizione", "importo")),
    )
    cofin = forms.CofinanziamentoForm(request.POST or None, initial={"cofinanziamento": candidatura.cofinanziamento})
    if request.method == "POST" and voci.is_valid() and cofin.is_valid():
        rows = [f.cleaned_data for f in voci if f.cleaned_data]
        try:
            candidatura = services.candidatura_save_budget(
                candidatura=candidatura,
                actor=request.user,
                voci=rows,
                cofinanziamento=cofin.cleaned_data["cofinanziamento"],
            )
        except ValidationError as exc:
            cofin.add_error(None, exc)
        else:
            return _saved(request, candidatura, P.BUDGET)
    totale = sum((v.importo for v in candidatura.voci_budget.all()), Decimal("0"))
    bando = candidatura.bando
    return {
        "voci": voci,
        "cofin": cofin,
        "totale": totale,
        # The same checks as services.budget_errors, run in the browser while the referente types.
        "limiti": {
            "minimo": float(bando.contributo_minimo),
            "massimo": float(bando.contributo_massimo),
            "percentuale": float(bando.cofinanziamento_percentuale),
            "messaggi": services.budget_limit_messages(bando),
        },
    }


def _step_impatto(request, candidatura):
    form = forms.ImpattoForm(request.POST or None, initial=candidatura.impatto)
    if request.method == "POST" and form.is_valid():
        candidatura = services.candidatura_save_impatto(
            candidatura=candidatura, actor=request.user, impatto=form.cleaned_data
        )
        return _saved(request, candidatura, P.IMPATTO)
    return {"form": form}


def _step_allegati(request, candidatura):
    richiesti = list(candidatura.bando.allegati_richiesti.all())
    dati = {a.richiesto_id: a for a in candidatura.allegati.all()}
    errori = {}
    if request.method == "POST":
        if "prosegui" in request.POST:
            candidatura = services.candidatura_mark_step(candidatura=candidatura, actor=request.user, passo=P.ALLEGATI)
            if services.allegati_errors(candidatura):
                messages.warning(request, _("Mancano allegati obbligatori: caricali per completare questo passo."))
                return redirect(_step_url(candidatura, P.ALLEGATI))
            return redirect(_step_url(candidatura, P.INVIO))
        form = forms.AllegatoForm(request.POST, request.FILES)
        richiesto = next((r for r in richiesti if form.is_valid() and r.pk == form.cleaned_data["richiesto"]), None)
        if richiesto is None:
            errori[form.data.get("richiesto")] = [_("Scegli un file da caricare.")]
        else:
            try:
                services.allegato_upload(
                    candidatura=candidatura, actor=request.user, richiesto=richiesto, uploaded=form.cleaned_data["file"]
                )
            except ValidationError as exc:
                errori[str(richiesto.pk)] = exc.messages
            else:
                messages.success(request, _("Allegato caricato: %(nome)s.") % {"nome": richiesto.nome})
                return redirect(_step_url(candidatura, P.ALLEGATI))
    righe = [(r, dati.get(r.pk), errori.get(str(r.pk), [])) for r in richiesti]
    return {"righe": righe}


def _submit(request, slug, pk):
    """The submission's POST: the redirect when it succeeds, else ``None`` and the page shows why.

    The service fetches and locks the application of the URL's call and checks who acts (a verified referente of
    a verified ente, as ``represented_by``), that it is a draft and the deadline, so a submission that succeeds
    loads the application once. A refused one, or one of another call, is shown by the step's page, whose own
    query answers 404 or redirects as for any other step.
    """
    form = forms.InvioForm(request.POST)
    if not form.is_valid():
        return None
    try:
        require_identity_level(request)
        services.candidatura_submit(
            candidatura=Candidatura(pk=pk), actor=request.user, veridicita=True, privacy=True, bando_slug=slug
        )
    except Candidatura.DoesNotExist:
        return None
    except (ValidationError, PermissionDenied) as exc:
        request.submission_errors = _messages_of(exc)
        return None
    messages.success(request, _("Candidatura presentata. Riceverai la ricevuta per e-mail."))
    return redirect(reverse("area_personale_candidatura", kwargs={"pk": pk}))


def _step_invio(request, candidatura):
    return {
        # The submission's refusal, if any; else what it would refuse now.
        "errori": getattr(request, "submission_errors", None) or services.submission_errors(candidatura),
        "form": forms.InvioForm(request.POST or None),
        # Everything that will be submitted, rendered like the submitted copy in the area personale.
        **candidatura_contenuto(candidatura),
        "anteprima_url": reverse("contributi:anteprima", kwargs={"slug": candidatura.bando.slug, "pk": candidatura.pk}),
    }


@login_required
def anteprima_pdf(request, slug, pk):
    """The draft as a PDF, watermarked "BOZZA": what the submission would contain right now."""
    candidatura, represented = _own_draft(request, slug, pk)
    if not candidatura.is_draft:
        return redirect(candidatura)
    decision = permissions.can_edit(request.user, candidatura, represented=represented)
    if not decision:
        messages.error(request, decision.reason)
        return redirect(candidatura)
    pdf = candidatura_pdf_render(candidatura=candidatura)
    return file_response(pdf, content_type="application/pdf", filename=f"bozza-candidatura-{candidatura.pk}.pdf")


STEP_HANDLERS = {
    P.ENTE: _step_ente,
    P.PROGETTO: _step_progetto,
    P.BUDGET: _step_budget,
    P.IMPATTO: _step_impatto,
    P.ALLEGATI: _step_allegati,
    P.INVIO: _step_invio,
}
