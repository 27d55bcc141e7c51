from decimal import Decimal

from django.db import migrations
from django.utils.text import slugify


def load(apps, schema_editor):
    from costellazioni.territorio import MUNICIPALITA

    Municipalita = apps.get_model("costellazioni", "Municipalita")
    Quartiere = apps.get_model("costellazioni", "Quartiere")
    for numero, slug, nome, quartieri in MUNICIPALITA:
        municipalita, _ = Municipalita.objects.update_or_create(numero=numero, defaults={"slug": slug, "nome": nome})
        for nome_quartiere, lat, lon in quartieri:
            Quartiere.objects.update_or_create(
                slug=slugify(nome_quartiere),
                defaults={
                    "municipalita": municipalita,
                    "nome": nome_quartiere,
                    "latitudine": Decimal(str(lat)),
                    "longitudine": Decimal(str(lon)),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("costellazioni", "0002_extensions")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
