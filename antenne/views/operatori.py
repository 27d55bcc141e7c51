"""The operator pages, phone first: home, field log, new activity (offline-capable), service worker."""

import hashlib
import json
import uuid
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from antenne import permissions, services, workflows
from antenne.forms import AttivitaFiltroForm, AttivitaForm, BisogniFormSet, SeguitiFormSet
from antenne.models import (
    Antenna,
    Attivita,
    Consenso,
    OperatoreDiComunita,
    RichiestaPortierato,
    Seguito,
    SocioBancaDelTempo,
)
from costellazioni.baked import baked
from costellazioni.models import Quartiere
from costellazioni.permissions import can_fire
from costellazioni.security_headers import allow_browser_features
from costellazioni.uploads import file_response
from hubs.models import Hub
from ricerca.models import Bisogno

PER_PAGE = 25
SW_VERSION = "1"  # bump when the offline shell changes; the cache name follows it


def operatore_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        decision = permissions.can_use_field_log(request.user)
        if not decision:
            raise PermissionDenied(decision.reason)
        request.operatore = permissions.operatore_of(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def _bisogni_visibili(operatore):
    """Open needs in the operator's quartieri; a coordinator also sees the team's and those with no quartiere."""
    dove = Q(quartiere__operatori=operatore)
    if operatore.coordinatore:
        dove |= Q(quartiere__operatori__coordinato_da=operatore) | Q(quartiere__isnull=True)
    return Bisogno.objects.aperti().filter(dove).distinct()


@operatore_required
def home(request):
    operatore = request.operatore
    oggi = timezone.localdate()
    inizio_settimana = oggi - timedelta(days=oggi.weekday())
    per_stato = Antenna.objects.seguite_da(operatore).values("stato").annotate(n=Count("pk")).order_by("stato")
    labels = dict(Antenna.Stato.choices)
    mie = Attivita.objects.filter(operatore=operatore)
    return render(
        request,
        "antenne/operatori/home.html",
        {
            "operatore": operatore,
            "antenne_per_stato": [(labels[r["stato"]], r["n"]) for r in per_stato],
            "antenne_da_seguire": Antenna.objects.seguite_da(operatore)
            .exclude(stato__in=[Antenna.Stato.IN_RETE, Antenna.Stato.SOSPESA])
            .select_related("quartiere")[:10],
            "bisogni": _bisogni_visibili(operatore).select_related("quartiere", "categoria")[:10],
            "soci_da_verificare": SocioBancaDelTempo.objects.da_verificare().count() if operatore.coordinatore else 0,
            "oggi": mie.filter(svolta_il__date=oggi).for_list()[:20],
            "n_settimana": mie.filter(svolta_il__date__gte=inizio_settimana).count(),
            "seguiti": Seguito.objects.filter(operatore=operatore)
            .in_scadenza(oggi + timedelta(days=7))
            .select_related("attivita__quartiere")[:20],
            "portierato": permissions.with_contatti(
                request.user,
                RichiestaPortierato.objects.gestite_da(request.user)
                .filter(stato__in=[RichiestaPortierato.Stato.RICHIESTA, RichiestaPortierato.Stato.ACCETTATA])
                .select_related("antenna", "richiedente")[:20],
            ),
            "oggi_data": oggi,
        },
    )


@operatore_required
def attivita_lista(request):
    operatore = request.operatore
    filtro = AttivitaFiltroForm(request.GET or None)
    queryset = filtro.filter(Attivita.objects.visible_to(request.user).log_rows())
    squadra = None
    if operatore.coordinatore:
        squadra = _squadra(operatore.pk)
        scelto = request.GET.get("operatore", "")
        if scelto.isdigit():
            queryset = queryset.filter(operatore_id=int(scelto))
    page_obj = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    _label_rows(page_obj.object_list, squadra=bool(squadra))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "antenne/operatori/attivita_lista.html",
        {
            "filtro": filtro,
            "page_obj": page_obj,
            "squadra": squadra,
            "operatore_scelto": request.GET.get("operatore", ""),
            "query_string": f"{query.urlencode()}&" if query else "",
        },
    )


@baked
def _squadra(operatore_id: int):
    """A coordinator and the operators they coordinate, for the field log's filter."""
    team = Q(pk=operatore_id) | Q(coordinato_da_id=operatore_id)
    return OperatoreDiComunita.objects.filter(team).select_related("user")


def _label_rows(rows, *, squadra: bool) -> None:
    """Each row's texts, written once here: the template only prints them (25 rows render in a fraction of the
    time ``get_tipo_display``, two plural ``blocktranslate``, two ``date`` filters and six ``if`` per row take)."""
    tipi = dict(Attivita._meta.get_field("tipo").flatchoices)
    for row in rows:
        svolta_il = timezone.localtime(row["svolta_il"])
        row["svolta_il_iso"] = svolta_il.isoformat()
        row["svolta_il_label"] = formats.date_format(svolta_il, "SHORT_DATETIME_FORMAT")
        row["tipo_label"] = tipi.get(row["tipo"], row["tipo"])
        persone = ngettext("%(n)s persona", "%(n)s persone", row["persone_raggiunte"]) % {"n": row["persone_raggiunte"]}
        dettagli = [row["quartiere_nome"], row["luogo"], persone]
        if row["n_bisogni"]:
            dettagli.append(ngettext("%(n)s bisogno", "%(n)s bisogni", row["n_bisogni"]) % {"n": row["n_bisogni"]})
        if squadra:
            dettagli.append(row["operatore_nome"].strip())
        row["dettagli"] = " · ".join(part for part in dettagli if part)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _form_errors(*forms_and_sets) -> tuple[dict, dict]:
    """The refusal as data: ``{field name: [messages]}`` and ``{field name: label}`` for each field named.

    The phone keeps a refused activity in its queue and shows these messages next to each field, and in
    the queue's list with the field's label, until the operator corrects it or discards it.
    """
    errors: dict = {}
    labels: dict = {}

    def add(form, field, messages_):
        name = form.add_prefix(field) if field != "__all__" else (f"{form.prefix}-__all__" if form.prefix else field)
        errors[name] = list(messages_)
        if field in form.fields:
            labels[name] = str(form.fields[field].label or field)

    for item in forms_and_sets:
        if hasattr(item, "forms"):
            for form in item.forms:
                for field, messages_ in form.errors.items():
                    add(form, field, messages_)
            if item.non_form_errors():
                errors[f"{item.prefix}-__all__"] = list(item.non_form_errors())
        else:
            for field, messages_ in item.errors.items():
                add(item, field, messages_)
    return errors, labels


def _refusal(errors: dict, labels: dict, *, status: int = 400) -> JsonResponse:
    return JsonResponse(
        {
            "ok": False,
            "message": _("Il server ha rifiutato l'attività: correggi i campi segnalati."),
            "errors": errors,
            "labels": labels,
        },
        status=status,
    )


@operatore_required
@allow_browser_features("geolocation")  # the quartiere from the phone's position
def attivita_nuova(request):
    operatore = request.operatore
    form = AttivitaForm(
        request.POST or None, request.FILES or None, operatore=operatore, initial={"uuid": uuid.uuid4()}
    )
    bisogni = BisogniFormSet(request.POST or None, prefix="bisogni")
    seguiti = SeguitiFormSet(request.POST or None, prefix="seguiti")
    if request.method == "POST":
        if form.is_valid() and bisogni.is_valid() and seguiti.is_valid():
            data = form.cleaned_data
            try:
                attivita, created = services.attivita_log(
                    operatore=operatore,
                    uuid=data["uuid"],
                    tipo=data["tipo"],
                    svolta_il=data["svolta_il"],
                    quartiere=data["quartiere"],
                    luogo=data["luogo"],
                    persone_raggiunte=data["persone_raggiunte"],
                    fasce=form.fasce(),
                    antenne=list(data["antenne"]),
                    bisogni=[f.cleaned_data for f in bisogni.forms if f.has_changed() and f.cleaned_data],
                    seguiti=[f.cleaned_data for f in seguiti.forms if f.has_changed() and f.cleaned_data],
                    note=data["note"],
                    foto=data.get("foto"),
                )
            except ValidationError as error:
                by_field = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
                for field, errors in by_field.items():
                    form.add_error(field if field in form.fields else None, errors)
            except PermissionDenied as error:
                if not _wants_json(request):
                    raise
                # A key that belongs to someone else's activity: the phone shows it as refused, to discard.
                return _refusal({"__all__": [str(error)]}, {})
            else:
                if _wants_json(request):
                    return JsonResponse(
                        {"ok": True, "id": attivita.pk, "created": created}, status=201 if created else 200
                    )
                messages.success(request, _("Attività registrata."))
                return redirect("operatori:attivita_nuova")
        if _wants_json(request):
            return _refusal(*_form_errors(form, bisogni, seguiti))
    quartieri = list(Quartiere.objects.values("pk", "nome", "latitudine", "longitudine"))
    return render(
        request,
        "antenne/operatori/attivita_nuova.html",
        {
            "form": form,
            "bisogni": bisogni,
            "seguiti": seguiti,
            "quartieri_coordinate": [
                {"pk": q["pk"], "lat": float(q["latitudine"]), "lon": float(q["longitudine"])} for q in quartieri
            ],
        },
    )


@operatore_required
def attivita_foto(request, pk):
    attivita = get_object_or_404(Attivita, pk=pk)
    if not permissions.can_view_foto(request.user, attivita) or not attivita.foto:
        raise Http404
    return file_response(attivita.foto, content_type="image/jpeg", filename=f"attivita-{attivita.pk}.jpg", inline=True)


@operatore_required
@require_POST
def seguito_fatto(request, pk):
    seguito = get_object_or_404(Seguito, pk=pk, operatore=request.operatore)
    services.seguito_done(seguito=seguito, operatore=request.operatore)
    messages.success(request, _("Fatto: tolto dalle cose da fare."))
    return redirect("operatori:home")


@login_required
@require_POST
def portierato_stato(request, pk):
    """Accept, decline or close a portierato request: for the antenna's account or its operator."""
    richiesta = get_object_or_404(RichiestaPortierato.objects.gestite_da(request.user), pk=pk)
    try:
        services.portierato_transition(
            richiesta=richiesta, to=request.POST.get("stato", ""), actor=request.user, note=request.POST.get("nota", "")
        )
    except (ValidationError, PermissionDenied) as error:
        text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        messages.success(request, _("Richiesta aggiornata."))
    if permissions.operatore_of(request.user) is not None:
        return redirect("operatori:home")
    return redirect("area_personale")


@never_cache
def service_worker(request):
    """The service worker, served under /operatori/ so that its scope covers the operator pages."""
    shell = [
        reverse("operatori:attivita_nuova"),
        static("vendor/bootstrap-italia/css/bootstrap-italia.min.css"),
        static("vendor/bootstrap-italia/css/fonts.css"),
        static("css/portal.css"),
        static("js/portal.js"),
        static("js/operatori/attivita.js"),
        static("js/operatori/uscita.js"),
        static("vendor/bootstrap-italia/js/bootstrap-italia.bundle.min.js"),
        static("vendor/htmx/htmx.min.js"),
        static("vendor/bootstrap-italia/svg/sprites.svg"),
    ]
    shell_json = json.dumps(shell)
    cache_name = f"operatori-v{SW_VERSION}-{hashlib.sha256(shell_json.encode()).hexdigest()[:10]}"
    response = render(
        request,
        "antenne/operatori/sw.js",
        {"cache_json": json.dumps(cache_name), "shell_json": shell_json},
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/operatori/"
    return response


def _antenne_visibili(operatore):
    """An operator works on their antennas and on unassigned ones in their quartieri; a coordinator on all."""
    if operatore.coordinatore:
        return Antenna.objects.all()
    return Antenna.objects.filter(
        Q(operatore=operatore) | Q(operatore__isnull=True, quartiere__in=operatore.quartieri.all())
    )


@operatore_required
def antenna(request, pk):
    antenna = get_object_or_404(_antenne_visibili(request.operatore).select_related("quartiere", "hub"), pk=pk)
    if request.method == "POST":
        try:
            if "stato" in request.POST:
                services.antenna_transition(
                    antenna=antenna, to=request.POST["stato"], actor=request.user, note=request.POST.get("nota", "")
                )
            elif "hub" in request.POST:
                scelto = request.POST["hub"]
                hub = get_object_or_404(Hub.objects.published(), pk=scelto) if scelto.isdigit() else None
                services.antenna_set_hub(antenna=antenna, hub=hub, actor=request.user)
            else:
                oggetto = request.POST.get("oggetto", "")
                if oggetto not in Consenso.Oggetto.values:
                    raise ValidationError(_("Scegli che cosa è stato consentito."))
                services.consenso_record(
                    antenna=antenna, oggetto=oggetto, concesso=request.POST.get("concesso") == "1", actor=request.user
                )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Antenna aggiornata."))
        return redirect("operatori:antenna", pk=antenna.pk)
    roles = permissions.antenna_roles(request.user, antenna)
    passaggi = [
        (to, transition)
        for (da, to), transition in workflows.ANTENNA.items()
        if da == antenna.stato and can_fire(request.user, transition, roles=roles)
    ]
    return render(
        request,
        "antenne/operatori/antenna.html",
        {
            "antenna": antenna,
            "passaggi": passaggi,
            "consensi": antenna.consensi.select_related("registrato_da")[:20],
            "oggetti": Consenso.Oggetto.choices,
            "hubs": Hub.objects.published().only("pk", "nome").order_by("nome"),
        },
    )
