"""Staff pages: the full dashboard with the funded projects' health, full exports, evidence downloads."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from costellazioni.uploads import EXTENSIONS, file_response
from costellazioni.uploads.checks import sniff
from monitoraggio import catena, cruscotti, permissions
from monitoraggio.models import Misurazione, Report
from monitoraggio.views import dati
from ricerca.models import Bisogno


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
    """The staff dashboard. Its indicator tables and projects' table come from the cache under the versions of
    what they show (see ``monitoraggio.cruscotti``): a new snapshot, target, report or payment shows at once."""
    stato = cruscotti.measurements_state()
    context = {
        "indicatori_html": cruscotti.IndicatoriStaff(stato["versione"]).html(),
        "progetti_html": cruscotti.ProgettiStaff().html(),
        "counts": stato,
        "report": list(Report.objects.order_by("-creato_il")[:6]),
    }
    return render(request, "monitoraggio/staff.html", context)


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
