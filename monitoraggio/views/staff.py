"""Staff pages: the full dashboard with the funded projects' health, full exports, evidence downloads."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from costellazioni.uploads import EXTENSIONS, file_response
from costellazioni.uploads.checks import sniff
from monitoraggio import catena, permissions, presentation, progetti, selectors
from monitoraggio.models import Indicatore, Misurazione, Report
from monitoraggio.views import dati, pubbliche
from ricerca.models import Bisogno

STAFF_CACHE_SECONDS = 60  # targets edited in the admin show within a minute
PROJECTS_SHOWN = 25  # the riskiest; the admin lists them all


def staff_only(view):
    """Log-in first for visitors; a clear refusal for people who are not staff."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        decision = permissions.can_view_staff_dashboard(request.user)
        if not decision:
            raise PermissionDenied(decision.reason)
        return view(request, *args, **kwargs)

    return wrapper


@staff_only
def cruscotto_staff(request):
    """The staff dashboard. The indicator tables and the projects' table are cached per language under the
    measurements' version for ``STAFF_CACHE_SECONDS``: a new snapshot shows at once, a project's new report or
    payment within a minute."""
    counts = Misurazione.objects.filter(  # the index on the state, not the whole table
        stato__in=[Misurazione.Stato.DA_VALIDARE, Misurazione.Stato.RESPINTA]
    ).aggregate(
        da_validare=Count("pk", filter=Q(stato=Misurazione.Stato.DA_VALIDARE)),
        respinte=Count("pk", filter=Q(stato=Misurazione.Stato.RESPINTA)),
    )
    context = {
        "versione": pubbliche.measurements_version(),
        "cache_seconds": STAFF_CACHE_SECONDS,
        # both computed only when their cached fragment must be rendered again
        "sections": SimpleLazyObject(indicator_tables),
        "tabella_progetti": SimpleLazyObject(lambda: progetti.health_table(limit=PROJECTS_SHOWN)),
        "counts": counts,
        "report": list(Report.objects.order_by("-creato_il")[:6]),
    }
    return render(request, "monitoraggio/staff.html", context)


def indicator_tables() -> list[tuple[str, list]]:
    series = selectors.indicator_series(Indicatore.objects.select_related("elemento_toc", "risultato_atteso"))
    return selectors.by_macro_azione(presentation.schede(selectors.with_records(series), public=False))


@staff_only
def misurazioni_csv(request):
    return dati._csv(dati.measurement_rows(public=False), dati.MEASUREMENT_COLUMNS, "misurazioni-complete.csv")


@staff_only
def misurazioni_xlsx(request):
    return dati._xlsx(dati.measurement_rows(public=False), dati.MEASUREMENT_COLUMNS, "misurazioni-complete.xlsx")


def evidenza(request, pk):
    misurazione = get_object_or_404(Misurazione, pk=pk)
    if not permissions.can_download_evidence(request.user, misurazione):
        raise PermissionDenied
    if not misurazione.evidenza:
        raise Http404
    with misurazione.evidenza.open("rb") as handle:
        head = handle.read(16)
    extension = EXTENSIONS.get(sniff(head), ".bin")
    return file_response(misurazione.evidenza, filename=f"evidenza-{misurazione.pk}{extension}")


@staff_only
def catena_cerca(request):
    """The need-number form of the staff dashboard: to the chain page, or back with a message."""
    numero = request.GET.get("numero", "").strip().lstrip("#")
    if numero.isdigit() and Bisogno.objects.filter(pk=int(numero)).exists():
        return redirect("monitoraggio:catena_bisogno", pk=int(numero))
    messages.error(request, _("Nessun bisogno con il numero «%(numero)s».") % {"numero": numero[:20]})
    return redirect("monitoraggio:staff")


@staff_only
def catena_bisogno(request, pk):
    """From a need to the answers, the indicators and the reports; from each figure back to the records."""
    bisogno = get_object_or_404(Bisogno.objects.select_related("quartiere"), pk=pk)
    return render(request, "monitoraggio/catena_bisogno.html", {"bisogno": bisogno, **catena.catena(bisogno)})
