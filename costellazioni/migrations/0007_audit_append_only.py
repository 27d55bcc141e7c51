"""The audit log is append-only in the database itself, whatever the code does.

The one UPDATE the trigger lets through is ``autore = NULL``, which Django runs when a person's
account is deleted.
"""

from django.db import migrations

AUDIT_IMMUTABLE = """
CREATE OR REPLACE FUNCTION costellazioni_eventoaudit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.autore_id IS NULL
       AND ROW(NEW.id, NEW.content_type_id, NEW.object_id, NEW.oggetto_repr, NEW.evento,
               NEW.stato_da, NEW.stato_a, NEW.nota, NEW.creato_il)
           IS NOT DISTINCT FROM
           ROW(OLD.id, OLD.content_type_id, OLD.object_id, OLD.oggetto_repr, OLD.evento,
               OLD.stato_da, OLD.stato_a, OLD.nota, OLD.creato_il)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'costellazioni_eventoaudit is append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE TRIGGER costellazioni_eventoaudit_append_only
    BEFORE UPDATE OR DELETE ON costellazioni_eventoaudit
    FOR EACH ROW EXECUTE FUNCTION costellazioni_eventoaudit_append_only();
"""

AUDIT_MUTABLE = """
DROP TRIGGER IF EXISTS costellazioni_eventoaudit_append_only ON costellazioni_eventoaudit;
DROP FUNCTION IF EXISTS costellazioni_eventoaudit_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("costellazioni", "0006_digest_schedule")]

    operations = [migrations.RunSQL(AUDIT_IMMUTABLE, AUDIT_MUTABLE)]
