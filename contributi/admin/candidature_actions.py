"""The actions of the application admin: istruttoria, board, evaluation and ranking, each through a service."""

from functools import partial

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contributi import services
from contributi.forms_selezione import AssegnazioneAdminForm, PreavvisoAdminForm, RichiestaIntegrazioniAdminForm
from contributi.models import Candidatura, MembroCommissione, Preavviso
from costellazioni.admin.actions import apply_to_each
from costellazioni.admin.confirm import confirm_action


class CandidaturaActionsMixin:
    # --- actions --------------------------------------------------------------------------------

    @admin.action(description=_("Avvia l'istruttoria"), permissions=["selezione"])
    def avvia_istruttoria(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.istruttoria_start(candidatura=c, actor=request.user),
            _("Istruttoria avviata per %(n)d candidature."),
        )

    @admin.action(description=_("Segna come ammissibili"), permissions=["selezione"])
    def segna_ammissibile(self, request, queryset):
        nota = request.POST.get("nota", "")
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.istruttoria_ammissibile(candidatura=c, actor=request.user, note=nota),
            lambda n: ngettext("%(n)d candidatura ammissibile.", "%(n)d candidature ammissibili.", n),
        )

    @admin.action(description=_("Richiedi integrazioni (soccorso istruttorio)"), permissions=["selezione"])
    def richiedi_integrazioni(self, request, queryset):
        from django.utils import timezone

        def apply(data):
            scadenza = data["scadenza"]
            if timezone.is_naive(scadenza):
                scadenza = timezone.make_aware(scadenza)
            apply_to_each(
                self,
                request,
                queryset,
                lambda c: services.integrazioni_request(
                    candidatura=c, actor=request.user, testo=data["testo"], scadenza=scadenza
                ),
                _("Integrazioni richieste per %(n)d candidature."),
            )

        return confirm_action(
            self,
            request,
            queryset,
            form_class=RichiestaIntegrazioniAdminForm,
            title=_("Richiedi integrazioni"),
            consequences=[
                _(
                    "Ogni ente riceve la richiesta con il testo e il termine indicati; la candidatura resta sospesa "
                    "finché non risponde o il termine scade."
                )
            ],
            irreversible=False,
            action="richiedi_integrazioni",
            apply=apply,
        )

    @admin.action(description=_("Invia il preavviso di rigetto (non ammissibilità)"), permissions=["selezione"])
    def invia_preavviso(self, request, queryset):
        def apply(data):
            apply_to_each(
                self,
                request,
                queryset,
                lambda c: services.preavviso_send(
                    candidatura=c,
                    actor=request.user,
                    motivi=data["motivi"],
                    fase=Preavviso.Fase.ISTRUTTORIA
                    if c.stato != Candidatura.Stato.VALUTATA
                    else Preavviso.Fase.VALUTAZIONE,
                ),
                _("Preavviso inviato per %(n)d candidature."),
            )

        return confirm_action(
            self,
            request,
            queryset,
            form_class=PreavvisoAdminForm,
            title=_("Preavviso di rigetto"),
            consequences=[
                _(
                    "Ogni ente riceve il preavviso di rigetto (art. 10-bis L. 241/1990) con i motivi indicati e dieci "
                    "giorni per presentare osservazioni."
                )
            ],
            action="invia_preavviso",
            apply=apply,
        )

    @admin.action(description=_("Assegna a tutti i componenti della commissione"), permissions=["selezione"])
    def assegna_commissione(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.assegnazione_all(candidatura=c, actor=request.user),
            lambda n: ngettext("%(n)d candidatura assegnata.", "%(n)d candidature assegnate.", n),
        )

    @admin.action(description=_("Assegna a componenti scelti della commissione"), permissions=["selezione"])
    def assegna_componenti(self, request, queryset):
        membri = MembroCommissione.objects.filter(bando__in=queryset.values("bando")).select_related("utente", "bando")

        def apply(data):
            def assign(candidatura):
                # One member's conflict must not keep the application from the others chosen.
                errors = []
                for membro in data["membri"]:
                    if membro.bando_id == candidatura.bando_id:
                        try:
                            services.assegnazione_create(candidatura=candidatura, membro=membro, actor=request.user)
                        except ValidationError as error:
                            errors.extend(error.messages)
                if errors:
                    raise ValidationError(errors)

            apply_to_each(
                self,
                request,
                queryset,
                assign,
                lambda n: ngettext("%(n)d candidatura assegnata.", "%(n)d candidature assegnate.", n),
            )

        return confirm_action(
            self,
            request,
            queryset,
            form_class=partial(AssegnazioneAdminForm, membri=membri),
            title=_("Assegna ai componenti della commissione"),
            consequences=[_("I componenti scelti vedono le candidature e possono valutarle.")],
            irreversible=False,
            action="assegna_componenti",
            apply=apply,
        )

    @admin.action(description=_("Avvia la valutazione"), permissions=["selezione"])
    def avvia_valutazione(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.valutazione_start(candidatura=c, actor=request.user),
            lambda n: ngettext("%(n)d candidatura in valutazione.", "%(n)d candidature in valutazione.", n),
        )

    @admin.action(description=_("Concludi la valutazione"), permissions=["selezione"])
    def concludi_valutazione(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.valutazione_conclude(candidatura=c, actor=request.user),
            _("Valutazione conclusa per %(n)d candidature."),
        )

    @admin.action(
        description=_("Riapri la valutazione (osservazioni accolte; nota obbligatoria)"), permissions=["selezione"]
    )
    def riapri_valutazione(self, request, queryset):
        nota = request.POST.get("nota", "")
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.valutazione_reopen(candidatura=c, actor=request.user, note=nota),
            _("Valutazione riaperta per %(n)d candidature."),
        )

    @admin.action(description=_("Calcola la graduatoria dei bandi selezionati"), permissions=["selezione"])
    def calcola_graduatoria(self, request, queryset):
        from contributi.models import Bando

        bandi = Bando.objects.filter(pk__in=queryset.values("bando_id"))
        apply_to_each(
            self,
            request,
            bandi,
            lambda b: services.graduatoria_compute(bando=b, actor=request.user),
            _("Graduatoria provvisoria calcolata per %(n)d bandi."),
        )
