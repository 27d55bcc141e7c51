"""My messages in the area personale: list, mark one or all as read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from costellazioni.models import Messaggio
from costellazioni.services.notifications import messaggi_mark_all_read, messaggio_mark_read

PAGE_SIZE = 20


@login_required
def lista(request):
    page = Paginator(Messaggio.objects.for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
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
