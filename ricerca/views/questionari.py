"""Answering a survey at /questionari/<slug>/: phone first, progress saved, one response per person or token."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from ricerca.forms import QuestionarioForm
from ricerca.models import Questionario
from ricerca.services import questionario_save, questionario_start


def _chiave_sessione(questionario) -> str:
    return f"questionario-{questionario.pk}"


def _url(questionario, token: str, **extra) -> str:
    parametri = {"invito": token} if token else {}
    parametri.update(extra)
    return questionario.get_absolute_url() + (f"?{urlencode(parametri)}" if parametri else "")


def compila(request, slug):
    questionario = get_object_or_404(Questionario.objects.filter(pubblicato=True), slug=slug)
    if not questionario.is_aperto():
        return render(request, "ricerca/questionario_chiuso.html", {"questionario": questionario})
    if questionario.accesso == Questionario.Accesso.AUTENTICATO and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    token = (request.POST.get("invito") or request.GET.get("invito") or "").strip()
    try:
        compilazione = questionario_start(
            questionario=questionario,
            user=request.user,
            token=token,
            chiave=request.session.get(_chiave_sessione(questionario), ""),
        )
    except PermissionDenied as error:
        return render(
            request, "ricerca/questionario_chiuso.html", {"questionario": questionario, "motivo": error}, status=403
        )
    request.session[_chiave_sessione(questionario)] = compilazione.chiave
    if compilazione.inviata:
        return render(request, "ricerca/questionario_grazie.html", {"questionario": questionario, "gia": True})
    domande = list(questionario.domande.all())
    iniziali = {r.domanda_id: r.valore for r in compilazione.risposte.all()}
    form = QuestionarioForm(request.POST or None, domande=domande, iniziali=iniziali)
    if request.method == "POST" and form.is_valid():
        invia = "invia" in request.POST
        try:
            questionario_save(compilazione=compilazione, valori=form.valori(), invia=invia)
        except ValidationError as error:
            for campo, messaggi in error.message_dict.items():
                form.add_error(campo if campo in form.fields else None, messaggi)
        else:
            if invia:
                return redirect(reverse("ricerca_azione:questionario_grazie", args=[questionario.slug]))
            return redirect(_url(questionario, token, salvato=1) + "#progresso")
    risposte = sum(1 for d in domande if d.pk in iniziali)
    return render(
        request,
        "ricerca/questionario.html",
        {
            "questionario": questionario,
            "form": form,
            "token": token,
            "salvato": request.GET.get("salvato") == "1",
            "risposte": risposte,
            "totale": len(domande),
        },
        status=400 if request.method == "POST" else 200,
    )


def grazie(request, slug):
    questionario = get_object_or_404(Questionario.objects.filter(pubblicato=True), slug=slug)
    return render(request, "ricerca/questionario_grazie.html", {"questionario": questionario})
