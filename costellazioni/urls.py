from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from costellazioni.forms.admin_login import AdminLoginForm
from costellazioni.identita import views as identita
from costellazioni.views import area_personale, dati_aperti, health, messaggi, pages

admin.site.site_header = _("Costellazioni civiche — Amministrazione")
admin.site.site_title = _("Costellazioni civiche")
admin.site.index_title = _("Gestione del programma")
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", pages.home, name="home"),
    path("il-progetto/", pages.il_progetto, name="il_progetto"),
    path("privacy/", pages.privacy, name="privacy"),
    path("accessibilita/", pages.accessibilita, name="accessibilita"),
    path("note-legali/", pages.note_legali, name="note_legali"),
    path("domande-frequenti/", pages.domande_frequenti, name="domande_frequenti"),
    path("argomenti/", pages.argomenti, name="argomenti"),
    path("piano-di-miglioramento/", pages.piano_di_miglioramento, name="piano_di_miglioramento"),
    path("servizi/segnala-disservizio/", pages.segnala_disservizio, name="segnala_disservizio"),
    path("servizi/", include("hubs.urls_servizi")),
    path("cerca/", pages.cerca, name="cerca"),
    path("valutazione/", pages.valutazione, name="valutazione_pagina"),
    path("dati-aperti/", dati_aperti.dati_aperti, name="dati_aperti"),
    path("area-personale/", area_personale.dashboard, name="area_personale"),
    path("area-personale/profilo/", area_personale.profilo, name="area_personale_profilo"),
    path("area-personale/enti/", area_personale.enti, name="area_personale_enti"),
    path("area-personale/enti/richiesta/", area_personale.richiesta_rappresentanza, name="area_personale_richiesta"),
    path("area-personale/enti/<int:pk>/ritira/", area_personale.ritira_richiesta, name="area_personale_ritira"),
    path("area-personale/messaggi/", messaggi.lista, name="area_personale_messaggi"),
    path("area-personale/messaggi/<int:pk>/letto/", messaggi.letto, name="area_personale_messaggio_letto"),
    path("area-personale/messaggi/letti/", messaggi.letti, name="area_personale_messaggi_letti"),
    path(
        "area-personale/messaggi/<int:pk>/allegati/<int:allegato>/",
        messaggi.allegato,
        name="area_personale_messaggio_allegato",
    ),
    path("area-personale/prenotazioni/", include("hubs.urls_area_personale")),
    path("area-personale/candidature/", include("contributi.urls_area_personale")),
    path("area-personale/valutazioni/", include("contributi.urls_valutazioni")),
    path("healthz", health.healthz, name="healthz"),
    # Same path as allauth's openid_connect callback, resolved first: the ID token's signature is always checked.
    path("accounts/oidc/<str:provider_id>/login/callback/", identita.callback, name="identita_callback"),
    path("accounts/identita/livello/", identita.livello, name="identita_livello"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("ricerca/", include("ricerca.urls")),
    path("bisogni/", include("ricerca.urls_bisogni")),
    path("", include("ricerca.urls_pubbliche")),
    path("hub/", include("hubs.urls")),
    path("antenne/", include("antenne.urls")),
    path("operatori/", include("antenne.urls_operatori")),
    path("banca-del-tempo/", include("antenne.urls_banca_del_tempo")),
    path("bandi/", include("contributi.urls")),
    path("trasparenza/contributi/", include("contributi.urls_trasparenza")),
    path("coprogrammazione/", include("coprogrammazione.urls")),
    path("governance/", include("governance.urls")),
    path("monitoraggio/", include("monitoraggio.urls")),
]
