"""Public governance pages: bodies and next meetings, one body, the decision register, the chain, the feed."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from costellazioni.models import Ente
from costellazioni.page_cache import public_page
from governance import permissions, selectors
from governance.calendario import ICS_MIMETYPE, riunioni_feed
from governance.forms import DocumentoForm
from governance.models import Azione, Decisione, DocumentoOrgano, MembroOrgano, Organo, Partenariato, Riunione
from governance.services import rete

PER_PAGE = 10
MEETINGS_ON_INDEX = 6
FEED_PAST_DAYS = 365


@public_page("governance", "costellazioni", "hubs")
def index(request):
    organi = list(selectors.organi_pubblici())
    prossime = list(selectors.riunioni_for_list(Riunione.objects.pubbliche().prossime())[:MEETINGS_ON_INDEX])
    livelli = [
        (livello, label, [o for o in organi if o.livello == livello]) for livello, label in Organo.Livello.choices
    ]
    partenariati = Partenariato.objects.exclude(stato=Partenariato.Stato.CONCLUSO).prefetch_related(
        Prefetch("partner", queryset=Ente.objects.order_by("denominazione").only("denominazione"))
    )
    return render(
        request,
        "governance/index.html",
        {
            "livelli": livelli,
            "prossime": prossime,
            "miei_organi": list(Organo.objects.of_member(request.user)),
            "partenariati": list(partenariati),
        },
    )


@public_page("governance", "costellazioni", "hubs")
def organo_detail(request, slug):
    organo = get_object_or_404(Organo.objects.visible_to(request.user), slug=slug)
    membro = permissions.is_member(request.user, organo)
    membri = MembroOrgano.objects.in_carica().filter(organo=organo).select_related("user", "ente")
    riunioni = selectors.riunioni_for_list(Riunione.objects.visible_to(request.user).filter(organo=organo))
    page_obj = Paginator(riunioni.order_by("-inizio"), PER_PAGE).get_page(request.GET.get("page"))
    documenti = DocumentoOrgano.objects.visible_to(request.user).filter(organo=organo).prefetch_related("versioni")
    azioni = Azione.objects.aperte().of_organo(organo).select_related("responsabile", "ente_responsabile")
    vede_azioni = organo.is_public or membro or permissions.sees_everything(request.user)
    carica = membro or permissions.sees_everything(request.user)
    return render(
        request,
        "governance/organo_detail.html",
        {
            "organo": organo,
            "membri": membri,
            "membro": membro,
            "page_obj": page_obj,
            "riunioni": page_obj.object_list,
            "query_string": "",
            "documenti": documenti,
            "azioni": azioni if vede_azioni else [],
            "documento_form": DocumentoForm(documenti=documenti) if carica else None,
        },
    )


@public_page("governance", "costellazioni", "hubs")
def decisioni(request):
    q = request.GET.get("q", "").strip()[:100]
    organo = request.GET.get("organo", "")
    qs = Decisione.objects.visible_to(request.user)
    if q:
        qs = qs.filter(Q(testo__icontains=q) | Q(punto__titolo__icontains=q) | Q(azioni__descrizione__icontains=q))
        qs = qs.distinct()
    if organo:
        qs = qs.filter(punto__riunione__organo__slug=organo)
    page_obj = Paginator(selectors.decisioni_for_register(qs), PER_PAGE).get_page(request.GET.get("page"))
    params = {k: v for k, v in {"q": q, "organo": organo}.items() if v}
    return render(
        request,
        "governance/decisioni.html",
        {
            "page_obj": page_obj,
            "decisioni": page_obj.object_list,
            "q": q,
            "organo_scelto": organo,
            "organi": Organo.objects.visible_to(request.user).only("nome", "slug"),
            "query_string": urlencode(params) + "&" if params else "",
        },
    )


@public_page("governance", "costellazioni", "hubs")
def catena(request):
    """The coordination level as a chain: orientation → activities → action items and expected results."""
    return render(
        request, "governance/catena.html", {"orientamenti": list(selectors.catena_orientamenti(request.user))}
    )


def calendario_ics(request):
    """Public meetings of the last year and every future one, as an iCalendar feed."""
    from datetime import timedelta

    from django.utils import timezone

    dal = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    riunioni = selectors.riunioni_for_list(Riunione.objects.pubbliche().filter(fine__gte=dal)).order_by("inizio")
    content = riunioni_feed(riunioni, site_url=settings.SITE_URL, nome=_("Costellazioni civiche — incontri pubblici"))
    response = HttpResponse(content, content_type=f"{ICS_MIMETYPE}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, "calendario.ics")
    return response


@login_required
@require_POST
def documento_carica(request, slug):
    organo = get_object_or_404(Organo.objects.visible_to(request.user), slug=slug)
    documenti = DocumentoOrgano.objects.filter(organo=organo)
    form = DocumentoForm(request.POST, request.FILES, documenti=documenti)
    if form.is_valid():
        data = form.cleaned_data
        try:
            rete.documento_upload(
                organo=organo,
                actor=request.user,
                uploaded=data["file"],
                titolo=data["titolo"],
                riservato=data["riservato"],
                documento=documenti.filter(pk=data["documento"]).first() if data["documento"] else None,
                nota=data["nota"],
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Documento caricato."))
    else:
        errori = [f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}" for f, e in form.errors.items()]
        messages.error(request, " ".join(errori))
    return redirect(organo)
