"""Needs categories become a taxonomy kept by staff, seeded with the fixed choices used so far."""

from django.db import migrations, models

from costellazioni import roles

# The fixed choices of Bisogno.categoria up to 0005, in their order: (slug, nome, descrizione).
CATEGORIE = [
    ("solitudine", "Solitudine e isolamento", "Persone sole, isolate o senza reti di vicinato."),
    ("casa", "Casa e abitare", "Affitti, alloggi pubblici, condizioni della casa, sfratti."),
    ("lavoro", "Lavoro e reddito", "Ricerca di lavoro, orientamento, difficoltà economiche."),
    ("salute", "Salute e cura", "Accesso alle cure, accompagnamento alle visite, assistenza."),
    ("famiglia", "Famiglia e cura dei figli", "Conciliazione, compiti, servizi per l'infanzia."),
    ("mobilita", "Mobilità e accessibilità", "Barriere architettoniche, trasporti, spostamenti."),
    ("istruzione", "Scuola e formazione", "Dispersione scolastica, corsi, apprendimento della lingua."),
    ("digitale", "Competenze digitali e pratiche", "SPID, prenotazioni online, pratiche amministrative."),
    ("spazi", "Spazi e vivibilità del quartiere", "Luoghi di incontro, spazi per studiare, verde e decoro."),
    ("altro", "Altro", "Quello che non rientra nelle altre categorie."),
]


def seed(apps, schema_editor):
    CategoriaBisogno = apps.get_model("ricerca", "CategoriaBisogno")
    Bisogno = apps.get_model("ricerca", "Bisogno")
    for ordine, (slug, nome, descrizione) in enumerate(CATEGORIE, start=1):
        CategoriaBisogno.objects.get_or_create(
            slug=slug, defaults={"nome": nome, "descrizione": descrizione, "ordine": ordine * 10}
        )
    # Any value outside the fixed list (there should be none) keeps its needs under a category of its own.
    Bisogno.objects.filter(categoria="").update(categoria="altro")
    for valore in Bisogno.objects.exclude(categoria__in=[c[0] for c in CATEGORIE]).values_list("categoria", flat=True):
        CategoriaBisogno.objects.get_or_create(
            slug=valore, defaults={"nome": valore.capitalize(), "ordine": 1000, "attiva": False}
        )


def grant(apps, schema_editor):
    # Staff keep the taxonomy (add, rename, reorder, retire); only administrators delete an unused category.
    roles.grant(apps, roles.STAFF_COMUNALE, "ricerca", {"categoriabisogno": ["view", "add", "change"]})
    roles.grant(apps, roles.AMMINISTRATORE, "ricerca", {"categoriabisogno": ["view", "add", "change", "delete"]})


class Migration(migrations.Migration):
    dependencies = [("ricerca", "0005_roles_research_action")]

    operations = [
        migrations.CreateModel(
            name="CategoriaBisogno",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("nome", models.CharField(max_length=80, unique=True, verbose_name="nome")),
                (
                    "slug",
                    models.SlugField(
                        help_text="Codice stabile usato negli open data: lettere minuscole, cifre e trattini. "
                        "Non si può cambiare.",
                        max_length=30,
                        unique=True,
                        verbose_name="codice",
                    ),
                ),
                (
                    "descrizione",
                    models.TextField(
                        blank=True,
                        help_text="Che cosa rientra in questa categoria.",
                        max_length=500,
                        verbose_name="descrizione",
                    ),
                ),
                (
                    "attiva",
                    models.BooleanField(
                        default=True,
                        help_text="Solo le categorie attive si possono scegliere nelle nuove segnalazioni.",
                        verbose_name="attiva",
                    ),
                ),
                ("ordine", models.PositiveSmallIntegerField(default=0, verbose_name="ordine")),
            ],
            options={
                "verbose_name": "categoria di bisogno",
                "verbose_name_plural": "categorie di bisogno",
                "ordering": ["ordine", "nome"],
            },
        ),
        # Reversed, the table goes away and the needs keep their codes as plain text (0007 reversed).
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
