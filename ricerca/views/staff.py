"""Pages for staff and operators: needs on a map and as counts, the stakeholder map, survey results."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from costellazioni.models import EventoAudit, Quartiere
from costellazioni.spreadsheets import csv_response, xlsx_append, xlsx_response, xlsx_workbook
from ricerca import charts, permissions, selectors, workflows
from ricerca.forms import BisognoTransizioneForm, RispostaBisognoForm
from ricerca.models import Bisogno, CategoriaBisogno, Citazione, LivelloCoinvolgimento, Questionario, Stakeholder, Tema
from ricerca.services import bisogno_link_risposta, bisogno_transition

PER_PAGINA = 25


def _consentito(regola):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            decision = regola(request.user)
            if not decision:
                raise PermissionDenied(decision.reason)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@_consentito(permissions.can_follow_needs)
def bisogni(request):
    """Needs to follow: filters, a map of open needs by quartiere, counts by quartiere × category and by month."""
    qs = Bisogno.objects.select_related("quartiere", "categoria")
    stato = request.GET.get("stato", "")
    if stato in Bisogno.Stato.values:
        qs = qs.filter(stato=stato)
    quartiere = request.GET.get("quartiere", "")
    if quartiere.isdigit():
        qs = qs.filter(quartiere_id=int(quartiere))
    categoria = request.GET.get("categoria", "")
    if categoria:
        qs = qs.filter(categoria=categoria)
    page = Paginator(qs.order_by("-creato_il", "-pk"), PER_PAGINA).get_page(request.GET.get("page"))
    aperti = (
        Bisogno.objects.aperti()
        .filter(quartiere__isnull=False)
        .values("quartiere_id", "quartiere__nome", "quartiere__latitudine", "quartiere__longitudine")
        .annotate(n=Count("pk"))
    )
    punti = [
        {
            "nome": _("%(quartiere)s: %(n)s bisogni aperti") % {"quartiere": r["quartiere__nome"], "n": r["n"]},
            "lat": float(r["quartiere__latitudine"]),
            "lng": float(r["quartiere__longitudine"]),
            "url": f"{reverse('ricerca:bisogni')}?quartiere={r['quartiere_id']}",
        }
        for r in aperti
    ]
    categorie = [(c.slug, c.nome) for c in CategoriaBisogno.objects.filter(bisogni__isnull=False).distinct()]
    matrice: dict[str, dict[str, int]] = {}
    for r in Bisogno.objects.per_quartiere_e_categoria():
        matrice.setdefault(r["quartiere__nome"] or _("Quartiere non indicato"), {})[r["categoria"]] = r["totale"]
    tabella = [
        (nome, [riga.get(c, 0) for c, _l in categorie], sum(riga.values())) for nome, riga in sorted(matrice.items())
    ]
    per_mese: dict = {}
    for r in Bisogno.objects.annotate(mese=TruncMonth("creato_il")).values("mese", "categoria").annotate(n=Count("pk")):
        per_mese.setdefault(r["mese"], {})[r["categoria"]] = r["n"]
    mesi = [
        (mese, [riga.get(c, 0) for c, _l in categorie], sum(riga.values())) for mese, riga in sorted(per_mese.items())
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "ricerca/staff/bisogni.html",
        {
            "page_obj": page,
            "bisogni": page.object_list,
            "punti": punti,
            "categorie": categorie,
            "tabella": tabella,
            "mesi": mesi,
            "stati": Bisogno.Stato.choices,
            "stato": stato,
            "quartieri": Quartiere.objects.filter(bisogni__isnull=False).distinct().order_by("nome"),
            "quartiere": quartiere,
            "categoria": categoria,
            "categorie_filtro": CategoriaBisogno.objects.all(),
            "query_string": f"{query.urlencode()}&" if query else "",
            "MAP_TILE_URL": settings.MAP_TILE_URL,
        },
    )


def _bisogno_da_seguire(pk):
    return get_object_or_404(Bisogno.objects.select_related("quartiere", "categoria", "stato_aggiornato_da"), pk=pk)


def _pagina_bisogno(request, oggetto, *, form=None, risposta_form=None, status=200):
    stati = [to for (da, to) in workflows.BISOGNO if da == oggetto.stato]
    return render(
        request,
        "ricerca/staff/bisogno.html",
        {
            "bisogno": oggetto,
            "form": form or BisognoTransizioneForm(stati=stati),
            "risposta_form": risposta_form or RispostaBisognoForm(),
            "risposte": list(oggetto.risposte.select_related("content_type")),
            "eventi": list(EventoAudit.objects.for_object(oggetto).select_related("autore").order_by("pk")),
        },
        status=status,
    )


@_consentito(permissions.can_follow_needs)
def bisogno(request, pk):
    oggetto = _bisogno_da_seguire(pk)
    stati = [to for (da, to) in workflows.BISOGNO if da == oggetto.stato]
    form = BisognoTransizioneForm(request.POST or None, stati=stati)
    if request.method == "POST" and form.is_valid():
        try:
            bisogno_transition(
                bisogno=oggetto, to=form.cleaned_data["stato"], actor=request.user, note=form.cleaned_data["nota"]
            )
        except ValidationError as error:
            for campo, messaggi in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error("nota" if campo == "note" else None, messaggi)
        else:
            return redirect("ricerca:bisogno", pk=oggetto.pk)
    return _pagina_bisogno(request, oggetto, form=form, status=400 if request.method == "POST" else 200)


@require_POST
@_consentito(permissions.can_follow_needs)
def bisogno_risposta(request, pk):
    """Staff record who answered the need (a HUB service, an antenna, an organisation) from the need's page."""
    oggetto = _bisogno_da_seguire(pk)
    form = RispostaBisognoForm(request.POST)
    if form.is_valid():
        try:
            bisogno_link_risposta(
                bisogno=oggetto,
                descrizione=form.cleaned_data["descrizione"],
                oggetto=form.cleaned_data["oggetto"],
                actor=request.user,
            )
        except ValidationError as error:
            for campo, messaggi in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(campo if campo in form.fields else None, messaggi)
        else:
            messages.success(request, _("Risposta registrata."))
            return redirect(f"{reverse('ricerca:bisogno', args=[oggetto.pk])}#risposte")
    return _pagina_bisogno(request, oggetto, risposta_form=form, status=400)


@_consentito(permissions.can_manage_research)
def stakeholder(request):
    elenco = list(Stakeholder.objects.con_livello().select_related("quartiere").order_by("nome"))
    livelli = LivelloCoinvolgimento.objects.select_related("stakeholder", "attivita").order_by(
        "stakeholder__nome", "data"
    )
    storia: dict[int, list] = {}
    for livello in livelli:
        storia.setdefault(livello.stakeholder_id, []).append(livello)
    etichette = dict(LivelloCoinvolgimento.Livello.choices)
    righe = [(s, etichette.get(s.livello_attuale, "—"), storia.get(s.pk, [])) for s in elenco]
    return render(request, "ricerca/staff/stakeholder.html", {"righe": righe, "svg": charts.matrice_svg(elenco)})


@_consentito(permissions.can_manage_research)
def temi(request):
    """Findings of interviews and focus groups, counted by coded theme, with their quotes and linked needs."""
    elenco = list(
        Tema.objects.annotate(
            n_citazioni=Count("citazioni", distinct=True), n_interviste=Count("citazioni__intervista", distinct=True)
        ).order_by("-n_citazioni", "nome")
    )
    citazioni = Citazione.objects.select_related("intervista", "tema").prefetch_related(
        Prefetch("bisogni", queryset=Bisogno.objects.select_related("categoria")), "elementi_toc"
    )
    per_tema: dict[int, list] = {}
    for citazione in citazioni.order_by("-intervista__data", "pk"):
        per_tema.setdefault(citazione.tema_id, []).append(citazione)
    return render(request, "ricerca/staff/temi.html", {"righe": [(t, per_tema.get(t.pk, [])) for t in elenco]})


@_consentito(permissions.can_manage_research)
def risultati(request, slug):
    questionario = get_object_or_404(Questionario, slug=slug)
    return render(
        request,
        "ricerca/staff/risultati.html",
        {
            "questionario": questionario,
            "risultati": selectors.risultati(questionario),
            "inviate": selectors.compilazioni_inviate(questionario).count(),
        },
    )


@_consentito(permissions.can_manage_research)
def risultati_csv(request, slug):
    questionario = get_object_or_404(Questionario, slug=slug)
    intestazione, righe = selectors.righe_risposte(questionario)
    response, writer = csv_response(f"{questionario.slug}.csv", delimiter=",")
    writer.writerow(intestazione)
    writer.writerows(righe)
    return response


@_consentito(permissions.can_manage_research)
def risultati_xlsx(request, slug):
    questionario = get_object_or_404(Questionario, slug=slug)
    intestazione, righe = selectors.righe_risposte(questionario)
    workbook = xlsx_workbook()
    foglio = workbook.active
    foglio.title = _("Risposte")[:31]
    xlsx_append(foglio, intestazione)
    for riga in righe:
        xlsx_append(foglio, riga)
    return xlsx_response(f"{questionario.slug}.xlsx", workbook)
