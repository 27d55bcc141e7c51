"""The roles of the portal (DESIGN.md, "Roles") as Django groups and their model permissions.

Object-level rules live in querysets and ``permissions.py``; a group gives only model permissions.
The data migration ``0004_roles`` applies this table; each later app grants its own models' permissions
with a data migration of its own that calls :func:`grant`.
"""

CITTADINO = "Cittadino"
REFERENTE_ETS = "Referente ETS"
OPERATORE = "Operatore di comunità"
STAFF_COMUNALE = "Staff comunale"
VALUTATORE = "Valutatore"
MEMBRO_ORGANO = "Membro di organo"
AMMINISTRATORE = "Amministratore"

ALL = [CITTADINO, REFERENTE_ETS, OPERATORE, STAFF_COMUNALE, VALUTATORE, MEMBRO_ORGANO, AMMINISTRATORE]

# app_label -> model -> actions; "*" means every model of the app.
PERMISSIONS = {
    STAFF_COMUNALE: {
        "costellazioni": {
            "ente": ["view", "add", "change"],
            "membership": ["view", "add", "change"],
            "user": ["view"],
            "quartiere": ["view"],
            "municipalita": ["view"],
            "messaggio": ["view"],
            "eventoaudit": ["view"],
            "valutazionepagina": ["view"],
            "operazioneincoda": ["view", "change"],
        },
    },
    AMMINISTRATORE: {
        "costellazioni": {"*": ["view", "add", "change", "delete"]},
        "django_celery_beat": {"*": ["view", "add", "change", "delete"]},
        "auth": {"group": ["view", "change"]},
    },
}


def grant(apps, role: str, app_label: str, models: dict[str, list[str]]) -> None:
    """In a data migration: give ``role`` the ``actions`` ("view", "add", …) on each of ``models``."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=role)
    permissions = apps.get_model("auth", "Permission").objects.filter(content_type__app_label=app_label)
    for model, actions in models.items():
        codenames = [f"{action}_{model}" for action in actions]
        group.permissions.add(*permissions.filter(content_type__model=model, codename__in=codenames))
