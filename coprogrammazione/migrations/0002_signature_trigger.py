"""The MOU is signed only when every party has signed: held by the database as well as the service.

A deferred constraint trigger on the MOU and on its parties refuses, at commit, an MOU in a signed state
(firmato, attivo, in scadenza, scaduto, rinnovato) with fewer than two parties or with a party whose
signature is missing.
"""

from django.db import migrations

SQL = """
CREATE FUNCTION coprog_check_all_signed() RETURNS trigger AS $$
DECLARE
    pid bigint;
    st varchar;
BEGIN
    IF TG_TABLE_NAME = 'coprogrammazione_protocollointesa' THEN
        pid := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        pid := OLD.protocollo_id;
    ELSE
        pid := NEW.protocollo_id;
    END IF;
    SELECT stato INTO st FROM coprogrammazione_protocollointesa WHERE id = pid;
    IF st IN ('firmato', 'attivo', 'in_scadenza', 'scaduto', 'rinnovato') THEN
        IF (SELECT count(*) FROM coprogrammazione_parteprotocollo WHERE protocollo_id = pid) < 2
           OR EXISTS (SELECT 1 FROM coprogrammazione_parteprotocollo
                      WHERE protocollo_id = pid AND firmato_il IS NULL) THEN
            RAISE EXCEPTION 'protocollo % is % but not every party has signed', pid, st
                USING ERRCODE = 'check_violation', CONSTRAINT = 'coprog_firmato_da_tutte_le_parti';
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER coprog_protocollo_all_signed
    AFTER INSERT OR UPDATE OF stato ON coprogrammazione_protocollointesa
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION coprog_check_all_signed();

CREATE CONSTRAINT TRIGGER coprog_parte_all_signed
    AFTER INSERT OR UPDATE OR DELETE ON coprogrammazione_parteprotocollo
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION coprog_check_all_signed();
"""

REVERSE = """
DROP TRIGGER IF EXISTS coprog_parte_all_signed ON coprogrammazione_parteprotocollo;
DROP TRIGGER IF EXISTS coprog_protocollo_all_signed ON coprogrammazione_protocollointesa;
DROP FUNCTION IF EXISTS coprog_check_all_signed();
"""


class Migration(migrations.Migration):
    dependencies = [("coprogrammazione", "0001_initial")]

    operations = [migrations.RunSQL(SQL, REVERSE)]
