"""A score's ``massimo`` must be its criterion's ``punteggio_massimo``: a composite foreign key makes the
check constraint ``0 <= punti <= massimo`` hold against the criterion itself."""

from django.db import migrations

SQL = """
ALTER TABLE contributi_criteriovalutazione
    ADD CONSTRAINT criterio_id_max_unique UNIQUE (id, punteggio_massimo);
ALTER TABLE contributi_punteggio
    ADD CONSTRAINT punteggio_massimo_is_criterion_max FOREIGN KEY (criterio_id, massimo)
    REFERENCES contributi_criteriovalutazione (id, punteggio_massimo) DEFERRABLE INITIALLY DEFERRED;
"""
REVERSE = """
ALTER TABLE contributi_punteggio DROP CONSTRAINT punteggio_massimo_is_criterion_max;
ALTER TABLE contributi_criteriovalutazione DROP CONSTRAINT criterio_id_max_unique;
"""


class Migration(migrations.Migration):
    dependencies = [("contributi", "0008_selezione_models")]

    operations = [migrations.RunSQL(SQL, REVERSE)]
