"""The public register of signed MOUs, their documents, signatures, and the open data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coprogrammazione import permissions, services
from coprogrammazione.forms import FirmaForm
from coprogrammazione.models import Impegno, ParteProtocollo, ProtocolloIntesa
from coprogrammazione.opendata import COLUMNS_IMPEGNI, COLUMNS_PROTOCOLLI, DIZIONARIO, impegno_row, protocollo_row
from costellazioni.page_cache import public_page
from costellazioni.permissions import require_identity_level
from costellazioni.spreadsheets import csv_response
from costellazioni.uploads import file_response


@public_page("coprogrammazione", "costellazioni")
def registro(request):
    protocolli = ProtocolloIntesa.objects.for_register()
    page = Paginator(protocolli, 10).get_page(request.GET.get("page"))
    return render(request, "coprogrammazione/registro.html", {"page_obj": page, "protocolli": page.object_list})


@public_page("coprogrammazione", "costellazioni")
def protocollo(request, pk):
    protocollo = get_object_or_404(
        ProtocolloIntesa.objects.visible_to(request.user).select_related("percorso", "precedente"), pk=pk
    )
    return _render_protocollo(request, protocollo)


def _render_protocollo(request, protocollo, *, form=None, form_parte=None, status=200):
    parti = list(protocollo.parti.select_related("ente"))
    staff = permissions.is_staff_comunale(request.user)
    for parte in parti:
        parte.puo_firmare = bool(permissions.can_sign(request.user, parte))
        parte.puo_scaricare = bool(permissions.can_download_firma(request.user, parte))
        if parte.puo_firmare:
            parte.form = form if parte.pk == form_parte else FirmaForm(auto_id=f"id_firma_{parte.pk}_%s", staff=staff)
    return render(
        request,
        "coprogrammazione/protocollo.html",
        {"protocollo": protocollo, "parti": parti, "impegni": protocollo.impegni.select_related("parte")},
        status=status,
    )


def documento(request, pk):
    protocollo = get_object_or_404(ProtocolloIntesa.objects.visible_to(request.user), pk=pk)
    if not protocollo.documento:
        raise Http404
    return file_response(
        protocollo.documento, filename=f"protocollo-{protocollo.pk}-versione-{protocollo.versione}.pdf"
    )


@login_required
def firma_scarica(request, pk, parte_pk):
    parte = get_object_or_404(ParteProtocollo.objects.select_related("ente"), pk=parte_pk, protocollo_id=pk)
    if not parte.firma_file or not permissions.can_download_firma(request.user, parte):
        raise Http404
    return file_response(parte.firma_file, filename=f"protocollo-{pk}-{parte.pk}-firmato.pdf")


@login_required
@require_POST
def firma(request, pk, parte_pk):
    protocollo = get_object_or_404(ProtocolloIntesa.objects.visible_to(request.user), pk=pk)
    parte = get_object_or_404(protocollo.parti.select_related("ente"), pk=parte_pk)
    form = FirmaForm(
        request.POST,
        request.FILES,
        auto_id=f"id_firma_{parte.pk}_%s",
        staff=permissions.is_staff_comunale(request.user),
    )
    if form.is_valid():
        try:
            if not permissions.is_staff_comunale(request.user):  # staff record a copy signed elsewhere
                require_identity_level(request)
            services.parte_sign(
                parte=parte,
                file=form.cleaned_data["file"],
                actor=request.user,
                firmato_il=form.cleaned_data["firmato_il"],
                scansione=form.cleaned_data.get("scansione", False),
            )
        except ValidationError as exc:
            for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Firma registrata per %(parte)s.") % {"parte": parte.denominazione})
            return redirect(protocollo)
    return _render_protocollo(request, protocollo, form=form, form_parte=parte.pk, status=400)


def _impegni():
    return Impegno.objects.filter(protocollo__in=ProtocolloIntesa.objects.signed()).select_related(
        "parte", "protocollo"
    )


def dati_aperti(request):
    return render(request, "coprogrammazione/dati_aperti.html", {"dizionario": DIZIONARIO})


def esporta_csv(request, dataset):
    if dataset == "protocolli":
        columns, rows = (
            COLUMNS_PROTOCOLLI,
            (protocollo_row(p, request) for p in ProtocolloIntesa.objects.for_register()),
        )
    elif dataset == "impegni":
        columns, rows = COLUMNS_IMPEGNI, (impegno_row(i) for i in _impegni())
    else:
        raise Http404
    response, writer = csv_response(f"{dataset}-intesa.csv", delimiter=",", excel_bom=False)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return response


def esporta_json(request, dataset):
    if dataset == "protocolli":
        rows = [protocollo_row(p, request) for p in ProtocolloIntesa.objects.for_register()]
    elif dataset == "impegni":
        rows = [impegno_row(i) for i in _impegni()]
    else:
        raise Http404
    return JsonResponse({"count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False})
