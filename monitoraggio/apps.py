from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoraggioConfig(AppConfig):
    name = "monitoraggio"
    verbose_name = _("Monitoraggio e valutazione")

    def ready(self):
        from costellazioni import codes, extensions
        from monitoraggio import catena, open_data
        from monitoraggio import events as coded_events
        from monitoraggio import workflows as monitoraggio_workflows

        codes.audit_events.register(coded_events.Evento)
        monitoraggio_workflows.register()

        open_data.register()
        extensions.register_related_pages("ricerca.bisogno", catena.related_pages)
        connect_dashboard_versions()


# What the dashboards' cached bodies show, besides the measurements (monitoraggio.cruscotti).
CATALOGUE_MODELS = (
    "monitoraggio.Indicatore",
    "monitoraggio.Target",
    "ricerca.ElementoToc",
    "governance.RisultatoAtteso",
    "costellazioni.Quartiere",
)
PROJECT_MODELS = (
    "contributi.Concessione",
    "contributi.Rendiconto",
    "contributi.Spesa",
    "contributi.Pagamento",
    "monitoraggio.Tappa",
)


def connect_dashboard_versions():
    from django.db.models.signals import post_delete, post_save

    from monitoraggio import cruscotti

    for models, receiver in (
        (CATALOGUE_MODELS, cruscotti.catalogue_changed),
        (PROJECT_MODELS, cruscotti.projects_changed),
        (("monitoraggio.Report",), cruscotti.report_changed),
    ):
        for model in models:
            for signal in (post_save, post_delete):
                signal.connect(receiver, sender=model, dispatch_uid=f"monitoraggio-cruscotti-{model}")
