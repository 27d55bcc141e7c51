"""The time bank's ledger in the database: append-only, and every registrazione sums to zero at commit."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION antenne_movimento_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Ledger entries are append-only: record a correction instead.';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER antenne_movimento_append_only
    BEFORE UPDATE OR DELETE ON antenne_movimentobancadeltempo
    FOR EACH ROW EXECUTE FUNCTION antenne_movimento_append_only();

CREATE FUNCTION antenne_registrazione_balanced() RETURNS trigger AS $$
DECLARE
    total numeric;
BEGIN
    SELECT COALESCE(SUM(ore), 0) INTO total
        FROM antenne_movimentobancadeltempo WHERE registrazione = NEW.registrazione;
    IF total <> 0 THEN
        RAISE EXCEPTION 'Ledger registrazione % does not sum to zero (%).', NEW.registrazione, total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER antenne_registrazione_balanced
    AFTER INSERT ON antenne_movimentobancadeltempo
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION antenne_registrazione_balanced();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS antenne_registrazione_balanced ON antenne_movimentobancadeltempo;
DROP FUNCTION IF EXISTS antenne_registrazione_balanced();
DROP TRIGGER IF EXISTS antenne_movimento_append_only ON antenne_movimentobancadeltempo;
DROP FUNCTION IF EXISTS antenne_movimento_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("antenne", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
