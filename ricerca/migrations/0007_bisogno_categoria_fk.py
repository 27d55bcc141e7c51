"""Bisogno.categoria points at the taxonomy by its code: the stored values stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ricerca", "0006_categoria_bisogno_taxonomy")]

    operations = [
        migrations.AlterField(
            model_name="bisogno",
            name="categoria",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bisogni",
                to="ricerca.categoriabisogno",
                to_field="slug",
                verbose_name="categoria",
            ),
        ),
    ]
