"""Writes of the survey engine: start (or resume) a response, save answers as a draft, send them.

Monitoring reuses these for its evaluation questionnaires: ``questionario_start`` then ``questionario_save``;
``ricerca.selectors.risultati`` reads the results.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ricerca.models import Compilazione, Domanda, Invito, Questionario, Risposta


@transaction.atomic
def questionario_start(*, questionario: Questionario, user=None, token: str = "", chiave: str = "") -> Compilazione:
    """The response this person may fill in: resumed if a draft exists, new otherwise.

    One response per person (signed-in questionnaires), per invitation token (invitation questionnaires),
    per draft key kept in the browser's session (anonymous ones). A response already sent is returned as it
    is: the caller shows it as done.
    """
    if not questionario.is_aperto():
        raise PermissionDenied(_("Il questionario non è aperto."))
    Accesso = Questionario.Accesso
    if questionario.accesso == Accesso.AUTENTICATO:
        if user is None or not user.is_authenticated:
            raise PermissionDenied(_("Accedi per rispondere a questo questionario."))
        compilazione, _created = Compilazione.objects.get_or_create(questionario=questionario, utente=user)
        return compilazione
    if questionario.accesso == Accesso.INVITO:
        invito = Invito.objects.select_for_update().filter(questionario=questionario, token=token).first()
        if not token or invito is None:
            raise PermissionDenied(_("Il codice d'invito non è valido."))
        compilazione, _created = Compilazione.objects.get_or_create(questionario=questionario, invito=invito)
        return compilazione
    esistente = Compilazione.objects.filter(questionario=questionario, chiave=chiave).first() if chiave else None
    return esistente or Compilazione.objects.create(questionario=questionario)


def _normalizza(domanda: Domanda, valore):
    """The answer as stored (JSON), or None when empty; ValidationError with an Italian message if wrong."""
    if valore in (None, "", []):
        return None
    T = Domanda.Tipo
    if domanda.tipo == T.SCELTA_SINGOLA:
        if str(valore) not in domanda.scelte:
            raise ValidationError(_("Scegli una delle opzioni proposte."), code="scelta")
        return str(valore)
    if domanda.tipo == T.SCELTA_MULTIPLA:
        valori = [str(v) for v in (valore if isinstance(valore, list | tuple) else [valore])]
        if any(v not in domanda.scelte for v in valori):
            raise ValidationError(_("Scegli tra le opzioni proposte."), code="scelta")
        return [scelta for scelta in domanda.scelte if scelta in valori]
    if domanda.tipo in (T.SCALA_5, T.SCALA_10):
        try:
            numero = int(valore)
        except (TypeError, ValueError):
            numero = None
        if numero not in domanda.scala:
            raise ValidationError(
                _("Scegli un valore da 1 a %(massimo)s.") % {"massimo": domanda.scala[-1]}, code="scala"
            )
        return numero
    if domanda.tipo == T.NUMERO:
        try:
            numero = Decimal(str(valore))
        except InvalidOperation:
            raise ValidationError(_("Scrivi un numero, per esempio 3 o 2,5."), code="numero") from None
        if not numero.is_finite():
            raise ValidationError(_("Scrivi un numero, per esempio 3 o 2,5."), code="numero")
        return int(numero) if numero == numero.to_integral_value() else float(numero)
    if domanda.tipo == T.DATA:
        if isinstance(valore, datetime.date):
            return valore.isoformat()
        try:
            return datetime.date.fromisoformat(str(valore)).isoformat()
        except ValueError:
            raise ValidationError(_("Scrivi una data valida."), code="data") from None
    testo = str(valore).strip()
    massimo = 300 if domanda.tipo == T.TESTO_BREVE else 5000
    if len(testo) > massimo:
        raise ValidationError(_("Usa al massimo %(massimo)s caratteri.") % {"massimo": massimo}, code="lunghezza")
    return testo or None


def questionario_save(*, compilazione: Compilazione, valori: dict, invia: bool = False) -> Compilazione:
    """Save the answers (``{domanda_id: value}``); with ``invia`` check required questions and send.

    Questions hidden by their condition lose their answer. Errors come back as one ValidationError whose
    keys are ``d<domanda_id>``, raised after the valid answers are saved: nothing the person wrote is lost.
    """
    compilazione, errori = _save(compilazione=compilazione, valori=valori, invia=invia)
    if errori:
        raise ValidationError(errori)
    return compilazione


@transaction.atomic
def _save(*, compilazione: Compilazione, valori: dict, invia: bool) -> tuple[Compilazione, dict]:
    compilazione = Compilazione.objects.select_for_update().select_related("questionario").get(pk=compilazione.pk)
    if compilazione.inviata:
        raise ValidationError(_("Hai già inviato le tue risposte a questo questionario."), code="gia_inviata")
    if not compilazione.questionario.is_aperto():
        raise ValidationError(_("Il questionario è chiuso: le risposte non sono più accettate."), code="chiuso")
    domande = list(compilazione.questionario.domande.all())
    puliti, errori = {}, {}
    for domanda in domande:
        try:
            puliti[domanda.pk] = _normalizza(domanda, valori.get(domanda.pk))
        except ValidationError as error:
            errori[f"d{domanda.pk}"] = error.messages
    visibili = {d.pk for d in domande if d.visibile(puliti)}
    if invia:
        for domanda in domande:
            chiave = f"d{domanda.pk}"
            if (
                domanda.pk in visibili
                and domanda.obbligatoria
                and puliti.get(domanda.pk) is None
                and chiave not in errori
            ):
                errori[chiave] = [_("Rispondi a questa domanda: è obbligatoria.")]
    da_salvare = {pk: v for pk, v in puliti.items() if pk in visibili and v is not None}
    Risposta.objects.filter(compilazione=compilazione).exclude(domanda_id__in=da_salvare).delete()
    for domanda_id, valore in da_salvare.items():
        Risposta.objects.update_or_create(compilazione=compilazione, domanda_id=domanda_id, defaults={"valore": valore})
    if invia and not errori:
        compilazione.inviata_il = timezone.now()
    compilazione.save()
    return compilazione, errori


@transaction.atomic
def questionario_invito_create(*, questionario: Questionario, etichette: list[str]) -> list[Invito]:
    """One single-use invitation per label (labels identify the invitation, not the person)."""
    if questionario.accesso != Questionario.Accesso.INVITO:
        raise ValidationError(_("Questo questionario non è su invito."), code="non_su_invito")
    inviti = []
    for etichetta in etichette:
        invito = Invito(questionario=questionario, etichetta=etichetta[:100])
        invito.full_clean()
        inviti.append(invito)
    try:
        return Invito.objects.bulk_create(inviti)
    except IntegrityError:  # pragma: no cover - a 24-byte random token colliding
        raise ValidationError(_("Riprova: codice d'invito duplicato."), code="token") from None
