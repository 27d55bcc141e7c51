"""The applicant's pages in the area personale, and the files of an application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contributi import permissions, services
from contributi.models import Allegato, Candidatura
from contributi.views.candidature import _next_step, _step_url
from costellazioni.models import Ente

# --- files ----------------------------------------------------------------------------------------


@login_required
def allegato(request, pk):
    obj = get_object_or_404(Allegato.objects.select_related("candidatura__ente"), pk=pk)
    visible = Candidatura.objects.visible_to(request.user).filter(pk=obj.candidatura_id).exists()
    if not visible or not permissions.can_read_files(request.user, obj.candidatura):
        raise Http404
    response = FileResponse(obj.file.open("rb"), content_type=obj.content_type, filename=obj.nome_originale)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- area personale -------------------------------------------------------------------------------


@login_required
def area_lista(request):
    candidature = Candidatura.objects.visible_to(request.user)
    if request.user.is_staff:
        candidature = candidature.filter(ente__in=Ente.objects.represented_by(request.user))
    page = Paginator(candidature.for_list(), 20).get_page(request.GET.get("pagina"))
    return render(request, "contributi/area_lista.html", {"page_obj": page})


@login_required
def area_dettaglio(request, pk):
    candidatura = get_object_or_404(
        Candidatura.objects.visible_to(request.user)
        .select_related("bando", "ente")
        .prefetch_related(Prefetch("allegati", queryset=Allegato.objects.select_related("richiesto"))),
        pk=pk,
    )
    return render(
        request,
        "contributi/area_dettaglio.html",
        {
            "candidatura": candidatura,
            "puo_ritirare": permissions.can_withdraw(request.user, candidatura),
            "puo_modificare": permissions.can_edit(request.user, candidatura),
            "riprendi": _step_url(candidatura, _next_step(candidatura)),
        },
    )


@login_required
def ricevuta(request, pk):
    candidatura = get_object_or_404(Candidatura.objects.visible_to(request.user), pk=pk, snapshot__isnull=False)
    if not candidatura.ricevuta:
        candidatura = services.ricevuta_generate(candidatura_id=candidatura.pk)
    return FileResponse(
        candidatura.ricevuta.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=candidatura.ricevuta.name.rsplit("/", 1)[-1],
    )


@login_required
@require_POST
def ritira(request, pk):
    candidatura = get_object_or_404(Candidatura.objects.visible_to(request.user), pk=pk)
    try:
        services.candidatura_withdraw(candidatura=candidatura, actor=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Candidatura ritirata."))
    return redirect(candidatura)
