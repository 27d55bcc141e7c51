import uuid

from django.shortcuts import redirect, render

from costellazioni.ratelimit import over_limit
from ricerca.forms import SegnalaBisognoForm
from ricerca.models import Bisogno
from ricerca.services import bisogno_report

SEGNALAZIONI_PER_ORA = 5


def segnala(request):
    form = SegnalaBisognoForm(request.POST or None, initial={"chiave_idempotenza": uuid.uuid4()})
    if request.method == "POST":
        if over_limit(request, scope="bisogni", limit=SEGNALAZIONI_PER_ORA):
            return render(request, "ricerca/troppe_segnalazioni.html", status=429)
        if form.is_spam():
            return redirect("bisogni:grazie")
        if form.is_valid():
            data = form.cleaned_data
            bisogno_report(
                categoria=data["categoria"],
                descrizione=data["descrizione"],
                quartiere=data["quartiere"],
                urgenza=data["urgenza"],
                destinatari=data["destinatari"] or Bisogno.Destinatari.TUTTI,
                user=request.user,
                chiave_idempotenza=data["chiave_idempotenza"],
            )
            return redirect("bisogni:grazie")
    return render(request, "ricerca/segnala.html", {"form": form})


def grazie(request):
    return render(request, "ricerca/segnala_grazie.html")
