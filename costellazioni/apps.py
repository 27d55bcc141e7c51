from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostellazioniConfig(AppConfig):
    name = "costellazioni"
    verbose_name = _("Portale e anagrafiche")

    def ready(self):
        from costellazioni import outbox, work_items

        work_items.register()
        from costellazioni.services.email import email_send, messaggio_email_send
        from costellazioni.services.notifications import EMAIL, MESSAGGIO_EMAIL

        outbox.register(
            MESSAGGIO_EMAIL, execute=lambda op: messaggio_email_send(messaggio_id=op.oggetto_id), queue="mail"
        )
        outbox.register(EMAIL, execute=lambda op: email_send(**op.dati), queue="mail")
        from costellazioni.identita import signals  # noqa: F401  (SPID/CIE level and codice fiscale)
