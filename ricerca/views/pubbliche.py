"""Public pages of the research-action: the macro-action page, open data, maturity and theory of change."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from costellazioni.page_cache import public_page
from costellazioni.services.pdf import pdf_render
from costellazioni.spreadsheets import csv_response
from ricerca import charts, dati, permissions, selectors
from ricerca.forms import CommentoForm, MaturitaForm
from ricerca.models import (
    AttivitaCoinvolgimento,
    Bisogno,
    Questionario,
    RilevazioneMaturita,
    Stakeholder,
    TeoriaCambiamento,
)
from ricerca.riservatezza import SOGLIA_PUBBLICA
from ricerca.services import maturita_valuta, teoria_commento_add


@public_page("ricerca", "costellazioni")
def index(request):
    """Macro-Azione 1 with live figures. A fixed number of queries whatever the data."""
    per_quartiere, nascosti = selectors.bisogni_per_quartiere_pubblici()
    per_categoria = selectors.bisogni_per_categoria()
    context = {
        "totale_bisogni": sum(n for _label, n in per_categoria),
        "risolti": Bisogno.objects.filter(stato=Bisogno.Stato.RISOLTO).count(),
        "per_categoria": per_categoria,
        "massimo_categoria": max((n for _label, n in per_categoria), default=0),
        "per_quartiere": per_quartiere,
        "nascosti": nascosti,
        "soglia": SOGLIA_PUBBLICA,
        "questionari": list(Questionario.objects.aperti().order_by("chiusura", "pk")),
        "teoria": TeoriaCambiamento.objects.corrente(),
        "stakeholder": Stakeholder.objects.count(),
        "attivita": AttivitaCoinvolgimento.objects.count(),
        "rilevazioni": RilevazioneMaturita.objects.count(),
        "segue_bisogni": request.user.is_authenticated and bool(permissions.can_follow_needs(request.user)),
        "gestisce_ricerca": request.user.is_authenticated and bool(permissions.can_manage_research(request.user)),
    }
    return render(request, "ricerca/index.html", context)


def dati_bisogni_csv(request):
    response, writer = csv_response("bisogni.csv", delimiter=",", excel_bom=False)
    writer.writerow(dati.CAMPI)
    for riga in dati.righe():
        writer.writerow([riga[campo] for campo in dati.CAMPI])
    return response


def dati_bisogni_json(request):
    return JsonResponse(
        {
            "titolo": _("Bisogni segnalati a Costellazioni civiche"),
            "licenza": "CC-BY-4.0",
            "aggiornato_il": timezone.now().isoformat(timespec="seconds"),
            "dizionario": [{"campo": c, "significato": str(s), "unita": str(u)} for c, s, u in dati.DIZIONARIO],
            "dati": dati.righe(),
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@public_page("ricerca", "costellazioni")
def dati_bisogni_dizionario(request):
    return render(request, "ricerca/dizionario.html", {"dizionario": dati.DIZIONARIO, "soglia": SOGLIA_PUBBLICA})


@public_page("ricerca", "costellazioni")
def maturita(request):
    dimensioni, rilevazioni = selectors.maturita_per_rilevazione()
    svg = None
    if dimensioni and rilevazioni:
        svg = charts.radar_svg(
            [d.nome for d in dimensioni], [(str(r.rilevazione.get_fase_display()), r.medie) for r in rilevazioni]
        )
    righe = [(d, [r.medie[i] for r in rilevazioni]) for i, d in enumerate(dimensioni)]
    return render(
        request,
        "ricerca/maturita.html",
        {
            "dimensioni": dimensioni,
            "rilevazioni": rilevazioni,
            "righe": righe,
            "svg": svg,
            "aperte": [r.rilevazione for r in rilevazioni if r.rilevazione.aperta],
            "grazie": request.GET.get("grazie") == "1",
        },
    )


def maturita_csv(request):
    """The mean score per dimension and round, one row each, for spreadsheets."""
    dimensioni, rilevazioni = selectors.maturita_per_rilevazione()
    response, writer = csv_response("maturita-ecosistema.csv", delimiter=",", excel_bom=False)
    writer.writerow(["rilevazione", "data", "dimensione", "punteggio_medio", "valutatori"])
    for r in rilevazioni:
        for dimensione, media in zip(dimensioni, r.medie, strict=True):
            writer.writerow([r.rilevazione.fase, r.rilevazione.data.isoformat(), dimensione.nome, media, r.valutatori])
    return response


@login_required
def maturita_valuta_view(request, fase):
    """Staff, or a verified representative of an invited ente, score every dimension of an open round."""
    from costellazioni.models import Ente
    from costellazioni.permissions import is_staff_comunale
    from ricerca.models import DimensioneMaturita

    rilevazione = get_object_or_404(RilevazioneMaturita, fase=fase, aperta=True)
    staff = is_staff_comunale(request.user)
    invitati = rilevazione.enti_invitati.all()
    enti = Ente.objects.filter(
        pk__in=[e.pk for e in invitati if permissions.can_assess_maturity(request.user, rilevazione, e)]
    )
    if not staff and not enti.exists():
        raise PermissionDenied(_("La tua organizzazione non è stata invitata a questa rilevazione."))
    dimensioni = list(DimensioneMaturita.objects.all())
    form = MaturitaForm(request.POST or None, dimensioni=dimensioni, enti=enti, staff=staff)
    if request.method == "POST" and form.is_valid():
        for dimensione in dimensioni:
            maturita_valuta(
                rilevazione=rilevazione,
                dimensione=dimensione,
                punteggio=form.cleaned_data[f"d{dimensione.pk}"],
                actor=request.user,
                ente=form.cleaned_data["ente"],
            )
        return redirect(f"{reverse('ricerca_azione:maturita')}?grazie=1")
    return render(
        request,
        "ricerca/maturita_valuta.html",
        {"rilevazione": rilevazione, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _teoria_context(teoria):
    elementi = list(teoria.elementi.prefetch_related("indicatori"))
    collegamenti = list(teoria.collegamenti.all())
    titoli = {e.pk: e.titolo for e in elementi}
    return {
        "teoria": teoria,
        "elementi": elementi,
        "collegamenti": [(titoli.get(c.da_id), titoli.get(c.a_id)) for c in collegamenti],
        "svg": charts.teoria_svg(teoria, elementi, collegamenti),
    }


@public_page("ricerca", "costellazioni")
def teoria(request, versione=None):
    if versione is None:
        corrente = TeoriaCambiamento.objects.corrente() or TeoriaCambiamento.objects.pubbliche().first()
        if corrente is None:
            raise Http404(_("La teoria del cambiamento non è ancora stata pubblicata."))
        oggetto = corrente
    else:
        oggetto = get_object_or_404(TeoriaCambiamento.objects.pubbliche(), versione=versione)
    context = _teoria_context(oggetto)
    context["versioni"] = list(TeoriaCambiamento.objects.pubbliche().only("versione", "stato", "titolo"))
    context["commenti"] = list(oggetto.commenti.select_related("autore"))
    context["puo_commentare"] = permissions.can_comment_teoria(request.user, oggetto)
    context["form"] = CommentoForm()
    return render(request, "ricerca/teoria.html", context)


def teoria_pdf(request, versione):
    oggetto = get_object_or_404(TeoriaCambiamento.objects.pubbliche(), versione=versione)
    pdf = pdf_render(template_name="ricerca/teoria_pdf.html", context=_teoria_context(oggetto))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="teoria-del-cambiamento-v{oggetto.versione}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def teoria_commenta(request, versione):
    oggetto = get_object_or_404(TeoriaCambiamento.objects.pubbliche(), versione=versione)
    decision = permissions.can_comment_teoria(request.user, oggetto)
    if not decision:
        return render(request, "403.html", {"exception": decision.reason}, status=403)
    form = CommentoForm(request.POST)
    if form.is_valid():
        teoria_commento_add(teoria=oggetto, autore=request.user, testo=form.cleaned_data["testo"])
        return redirect(f"{oggetto.get_absolute_url()}#commenti")
    context = _teoria_context(oggetto)
    context.update(
        versioni=list(TeoriaCambiamento.objects.pubbliche()),
        commenti=list(oggetto.commenti.select_related("autore")),
        puo_commentare=decision,
        form=form,
    )
    return render(request, "ricerca/teoria.html", context, status=400)
