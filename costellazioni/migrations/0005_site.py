from django.db import migrations


def name_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(
        pk=1, defaults={"domain": "costellazioni.comune.venezia.it", "name": "Costellazioni civiche"}
    )


class Migration(migrations.Migration):
    dependencies = [("costellazioni", "0004_roles"), ("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(name_site, migrations.RunPython.noop)]
