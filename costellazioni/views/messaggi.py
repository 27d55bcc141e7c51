"""My messages in the area personale: list, mark one or all as read, download their attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from costellazioni.models import Messaggio
from costellazioni.models.notifiche import AllegatoMessaggio
from costellazioni.services.notifications import messaggi_mark_all_read, messaggio_mark_read
from costellazioni.uploads import file_response

PAGE_SIZE = 20


@login_required
def lista(request):
    messaggi = Messaggio.objects.for_user(request.user).prefetch_related(
        Prefetch("allegati", queryset=AllegatoMessaggio.objects.listing())
    )
    page = Paginator(messaggi, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "area_personale/messaggi.html", {"page_obj": page, "messaggi": page.object_list})


def _back_to_list(request):
    url = reverse("area_personale_messaggi")
    page = request.POST.get("page", "")
    if page.isdigit() and int(page) > 1:
        url += "?" + urlencode({"page": page})
    return redirect(url)


@require_POST
@login_required
def letto(request, pk: int):
    try:
        messaggio_mark_read(user=request.user, messaggio_id=pk)
    except Messaggio.DoesNotExist:
        raise Http404(_("Messaggio non trovato.")) from None
    return _back_to_list(request)


@require_POST
@login_required
def letti(request):
    count = messaggi_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Tutti i messaggi sono segnati come letti."))
    return _back_to_list(request)


@login_required
def allegato(request, pk: int, allegato: int):
    """One attachment of one of my messages; another person's does not exist for me."""
    allegato = get_object_or_404(AllegatoMessaggio.objects.for_user(request.user), pk=allegato, messaggio_id=pk)
    return file_response(allegato.contenuto, content_type=allegato.tipo_mime, filename=allegato.nome_file)
