from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def dashboard(request):
    return render(request, "area_personale/dashboard.html")


profilo = enti = richiesta_rappresentanza = dashboard
