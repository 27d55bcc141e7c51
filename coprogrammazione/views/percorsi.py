"""Public pages of co-programming: the macro-action, its processes, the resources catalogue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coprogrammazione import permissions, riunioni, services
from coprogrammazione.forms import CondivisioneForm, ManifestazioneForm, RisorsaFiltroForm, RisorsaForm
from coprogrammazione.models import (
    DocumentoIstruttorio,
    LineaStrategica,
    ManifestazioneInteresse,
    Percorso,
    ProtocolloIntesa,
    Risorsa,
)
from costellazioni.models import Ente
from costellazioni.page_cache import public_page
from costellazioni.uploads import file_response
from governance.models import Riunione
from ricerca.models import ElementoToc


@public_page("coprogrammazione", "costellazioni", "governance", "ricerca")
def indice(request):
    percorsi = Percorso.objects.public().with_counts().order_by("-avviso_pubblicato_il", "-pk")
    page = Paginator(percorsi, 10).get_page(request.GET.get("page"))
    return render(
        request,
        "coprogrammazione/indice.html",
        {
            "page_obj": page,
            "percorsi": page.object_list,
            "protocolli_count": ProtocolloIntesa.objects.signed().count(),
        },
    )


@public_page("coprogrammazione", "costellazioni", "governance", "ricerca")
def percorso(request, slug):
    percorso = get_object_or_404(Percorso.objects.public(), slug=slug)
    partecipanti = percorso.manifestazioni.ammesse().select_related("ente").order_by("ente__denominazione")
    documento = (
        DocumentoIstruttorio.objects.filter(percorso=percorso, approvato_il__isnull=False)
        .prefetch_related(
            Prefetch(
                "linee",
                LineaStrategica.objects.prefetch_related(
                    Prefetch("elementi_toc", ElementoToc.objects.select_related("teoria"))
                ),
            )
        )
        .order_by("-versione")
        .first()
    )
    context = {
        "percorso": percorso,
        "fasi": percorso.fasi(),
        "partecipanti": partecipanti,
        "risorse": percorso.risorse.select_related("ente", "quartiere"),
        "documenti": percorso.documenti.filter(pubblicato=True),
        "documento_istruttorio": documento,
        "protocolli": percorso.protocolli.signed().prefetch_related("parti"),
        "riunioni": riunioni.riunioni_for(percorso),
        "finestra": permissions.window_decision(percorso),
        "enti_utente": set(Ente.objects.represented_by(request.user).values_list("pk", flat=True))
        if request.user.is_authenticated
        else set(),
    }
    return render(request, "coprogrammazione/percorso.html", context)


def avviso(request, slug):
    percorso = get_object_or_404(Percorso.objects.public(), slug=slug)
    if not percorso.avviso_pdf:
        raise Http404
    return file_response(percorso.avviso_pdf, filename=f"avviso-{percorso.slug}.pdf")


def documento(request, slug, pk):
    percorso = get_object_or_404(Percorso.objects.public(), slug=slug)
    doc = get_object_or_404(percorso.documenti, pk=pk, pubblicato=True)
    return file_response(doc.file, filename=f"{percorso.slug}-documento-{doc.pk}.pdf")


@login_required
def manifesta_interesse(request, slug):
    percorso = get_object_or_404(Percorso.objects.public(), slug=slug)
    form = ManifestazioneForm(request.POST or None, user=request.user)
    window = permissions.window_decision(percorso)
    enti = form.fields["ente"].queryset
    gia = ManifestazioneInteresse.objects.filter(percorso=percorso, ente__in=enti).select_related("ente")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.manifestazione_submit(
                percorso=percorso,
                ente=data["ente"],
                actor=request.user,
                motivazione=data["motivazione"],
                competenze=data["competenze"],
                risorse_offerte=data["risorse_offerte"],
                contatto_nome=data["contatto_nome"],
                contatto_email=data["contatto_email"],
                contatto_telefono=data["contatto_telefono"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("ente", str(exc))
        else:
            messages.success(
                request,
                _("Manifestazione di interesse inviata: riceverai l'esito nella tua area personale."),
            )
            return redirect(percorso)
    return render(
        request,
        "coprogrammazione/manifesta_interesse.html",
        {"percorso": percorso, "form": form, "finestra": window, "gia": gia, "has_enti": enti.exists()},
        status=200 if not form.errors else 400,
    )


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@public_page("coprogrammazione", "costellazioni", "governance", "ricerca")
def risorse(request):
    form = RisorsaFiltroForm(request.GET or None)
    qs = Risorsa.objects.public().select_related("ente", "quartiere", "percorso").order_by("tipo", "descrizione", "pk")
    query = ""
    if form.is_valid():
        qs = qs.search(tipo=form.cleaned_data["tipo"], quartiere=form.cleaned_data["quartiere"])
        params = []
        if form.cleaned_data["tipo"]:
            params.append(f"tipo={form.cleaned_data['tipo']}")
        if form.cleaned_data["quartiere"]:
            params.append(f"quartiere={form.cleaned_data['quartiere'].pk}")
        query = "&".join(params)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "coprogrammazione/risorse.html",
        {"form": form, "page_obj": page, "risorse": page.object_list, "query_string": f"{query}&" if query else ""},
    )


def verbale(request, slug, pk):
    """The approved minutes of a process meeting, with each participant's contribution, as PDF."""
    percorso = get_object_or_404(Percorso.objects.public(), slug=slug)
    riunione = get_object_or_404(Riunione.objects.of_context(percorso).pubbliche(), pk=pk)
    vigente = riunioni.verbale_vigente(riunione, request.user)
    if vigente is None:
        raise Http404
    pdf = riunioni.verbale_coprogrammazione_pdf(riunione=riunione, verbale=vigente, percorso=percorso)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verbale-{percorso.slug}-{riunione.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def risorsa_nuova(request, slug):
    """A participant declares what its ente puts in common in the process."""
    percorso = get_object_or_404(Percorso.objects.public(), slug=slug)
    enti = (
        Ente.objects.represented_by(request.user)
        .verified()
        .filter(
            manifestazioni_interesse__percorso=percorso,
            manifestazioni_interesse__stato=ManifestazioneInteresse.Stato.AMMESSA,
        )
    )
    form = RisorsaForm(request.POST or None, enti=enti)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.risorsa_declare(
                percorso=percorso,
                ente=data["ente"],
                actor=request.user,
                tipo=data["tipo"],
                descrizione=data["descrizione"],
                quantita=data["quantita"],
                unita=data["unita"],
                disponibilita=data["disponibilita"],
                quartiere=data["quartiere"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("ente", str(exc))
        else:
            messages.success(request, _("Risorsa aggiunta al catalogo del percorso."))
            return redirect(percorso)
    return render(
        request,
        "coprogrammazione/risorsa_nuova.html",
        {"percorso": percorso, "form": form, "has_enti": enti.exists()},
        status=400 if form.errors else 200,
    )


@login_required
def condivisione_nuova(request, slug, pk):
    """The ente that offered a resource records that it was shared with another participant."""
    percorso = get_object_or_404(Percorso.objects.public(), slug=slug)
    risorsa = get_object_or_404(percorso.risorse.select_related("ente"), pk=pk)
    decision = permissions.can_register_sharing(request.user, risorsa)
    if not decision:
        raise PermissionDenied(decision.reason)
    beneficiari = (
        Ente.objects.filter(
            manifestazioni_interesse__percorso=percorso,
            manifestazioni_interesse__stato=ManifestazioneInteresse.Stato.AMMESSA,
        )
        .exclude(pk=risorsa.ente_id)
        .order_by("denominazione")
    )
    form = CondivisioneForm(request.POST or None, beneficiari=beneficiari)
    if request.method == "POST" and form.is_valid():
        try:
            services.condivisione_record(risorsa=risorsa, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Condivisione registrata."))
            return redirect(percorso)
    return render(
        request,
        "coprogrammazione/condivisione_nuova.html",
        {"percorso": percorso, "risorsa": risorsa, "form": form},
        status=400 if form.errors else 200,
    )
