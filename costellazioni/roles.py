"""The roles of the portal (DESIGN.md, "Roles") as Django groups and their model permissions.

Object-level rules live in querysets and ``permissions.py``; a group gives only model permissions.
The data migration ``0002_roles`` applies this table; later apps extend it with a migration of their own.
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
        },
    },
    AMMINISTRATORE: {
        "costellazioni": {"*": ["view", "add", "change", "delete"]},
        "django_celery_beat": {"*": ["view", "add", "change", "delete"]},
        "auth": {"group": ["view", "change"]},
    },
}
