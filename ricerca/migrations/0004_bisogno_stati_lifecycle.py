from django.db import migrations

OLD_TO_NEW = {"aperto": "segnalato", "in_carico": "preso_in_carico", "chiuso": "risolto"}


def forward(apps, schema_editor):
    Bisogno = apps.get_model("ricerca", "Bisogno")
    for old, new in OLD_TO_NEW.items():
        Bisogno.objects.filter(stato=old).update(stato=new)


def backward(apps, schema_editor):
    Bisogno = apps.get_model("ricerca", "Bisogno")
    for old, new in OLD_TO_NEW.items():
        Bisogno.objects.filter(stato=new).update(stato=old)
    Bisogno.objects.filter(stato__in=["indirizzato"]).update(stato="in_carico")
    Bisogno.objects.filter(stato__in=["non_risolvibile"]).update(stato="chiuso")


class Migration(migrations.Migration):
    dependencies = [("ricerca", "0003_research_action")]

    operations = [migrations.RunPython(forward, backward)]
