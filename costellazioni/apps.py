from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CostellazioniConfig(AppConfig):
    name = "costellazioni"
    verbose_name = _("Portale e anagrafiche")

    def ready(self):
        from costellazioni import codes
        from costellazioni import events as coded_events
        from costellazioni import workflows as costellazioni_workflows

        codes.audit_events.register(coded_events.Evento)
        codes.notification_kinds.register(coded_events.Notifica)
        costellazioni_workflows.register_core_tables()
        from costellazioni import outbox, work_items

        work_items.register()
        from costellazioni.services.email import email_send, messaggio_email_send
        from costellazioni.services.notifications import EMAIL, MESSAGGIO_EMAIL

        outbox.register(
            MESSAGGIO_EMAIL, execute=lambda op: messaggio_email_send(messaggio_id=op.oggetto_id), queue="mail"
        )
        outbox.register(EMAIL, execute=lambda op: email_send(**op.dati), queue="mail")
        # Any saved or deleted content gives its app's cached public pages a new version (page_cache.py).
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from costellazioni import page_cache, unread
        from costellazioni.identita import signals  # noqa: F401  (SPID/CIE level and codice fiscale)

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(page_cache.content_changed, dispatch_uid=f"page_cache_{signal is post_save}_{id(signal)}")
        for signal in (post_save, post_delete):
            signal.connect(
                unread.message_changed, sender="costellazioni.Messaggio", dispatch_uid=f"unread_{id(signal)}"
            )
        self._connect_permission_cache()

    def _connect_permission_cache(self):
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from costellazioni import permission_cache
        from costellazioni.models import User

        for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
            m2m_changed.connect(permission_cache.permissions_changed, sender=through, dispatch_uid=f"perm_{through}")
        for model in (Group, Permission):
            for signal in (post_save, post_delete):
                signal.connect(
                    permission_cache.permissions_changed, sender=model, dispatch_uid=f"perm_{model}_{id(signal)}"
                )
        post_migrate.connect(permission_cache.permissions_changed, dispatch_uid="perm_migrate")


class PortalAdminConfig(AdminConfig):
    """``django.contrib.admin`` with the portal's site (``costellazioni.admin_site``) as ``admin.site``."""

    default_site = "costellazioni.admin_site.PortalAdminSite"
