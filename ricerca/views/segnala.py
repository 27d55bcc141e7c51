import uuid

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from costellazioni.ratelimit import limit_count, limit_reached
from ricerca.forms import SegnalaBisognoForm
from ricerca.models import Bisogno
from ricerca.services import bisogno_report

SEGNALAZIONI_PER_ORA = 5
SCOPE = "bisogni"


def segnala(request):
    form = SegnalaBisognoForm(request.POST or None, initial={"chiave_idempotenza": uuid.uuid4()})
    status = 200
    if request.method == "POST":
        if form.is_spam():
            return redirect("bisogni:grazie")
        if form.is_valid():
            data = form.cleaned_data
            # A second click on a report already saved is no new report: it neither counts nor is refused.
            chiave = data["chiave_idempotenza"]
            repeated = chiave is not None and Bisogno.objects.filter(chiave_idempotenza=chiave).exists()
            if not repeated and limit_reached(request, scope=SCOPE, limit=SEGNALAZIONI_PER_ORA):
                form.add_error(
                    None,
                    _(
                        "Da questa connessione sono arrivate troppe segnalazioni in poco tempo: riprova fra "
                        "un'ora. Quello che hai scritto è rimasto qui sotto."
                    ),
                )
                status = 429
            else:
                bisogno_report(
                    categoria=data["categoria"],
                    descrizione=data["descrizione"],
                    quartiere=data["quartiere"],
                    urgenza=data["urgenza"],
                    destinatari=data["destinatari"] or Bisogno.Destinatari.TUTTI,
                    user=request.user,
                    chiave_idempotenza=data["chiave_idempotenza"],
                )
                if not repeated:
                    limit_count(request, scope=SCOPE)
                return redirect("bisogni:grazie")
    return render(request, "ricerca/segnala.html", {"form": form}, status=status)


def grazie(request):
    return render(request, "ricerca/segnala_grazie.html")
