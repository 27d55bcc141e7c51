"""The database's own guard: the payments of an award never exceed its payable amount.

A constraint trigger runs after every insert or update of a payment and after a change of the award's
amount or reductions; it locks the award row first, so two payments committed in parallel transactions
are checked one after the other, each seeing the other's row (READ COMMITTED takes a fresh snapshot per
statement). A revoked award takes no new payment. The service (``services.pagamento_register``) checks the
same rules first, to give the user a message; this catches whatever bypasses it.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION contributi_pagamenti_entro_concessione() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    award_id bigint;
    award record;
    paid numeric;
BEGIN
    IF TG_TABLE_NAME = 'contributi_pagamento' THEN
        award_id := NEW.concessione_id;
    ELSE
        award_id := NEW.id;
    END IF;
    SELECT importo, riduzione, revocata_il INTO award
        FROM contributi_concessione WHERE id = award_id FOR UPDATE;
    SELECT COALESCE(SUM(importo), 0) INTO paid FROM contributi_pagamento WHERE concessione_id = award_id;
    IF TG_TABLE_NAME = 'contributi_pagamento' AND award.revocata_il IS NOT NULL THEN
        RAISE EXCEPTION 'contributo % revocato: nessun pagamento è ammesso', award_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF paid > award.importo - award.riduzione THEN
        RAISE EXCEPTION 'i pagamenti (%) superano il contributo erogabile (%) della concessione %',
            paid, award.importo - award.riduzione, award_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER contributi_pagamento_entro_concessione
    AFTER INSERT OR UPDATE ON contributi_pagamento
    FOR EACH ROW EXECUTE FUNCTION contributi_pagamenti_entro_concessione();

CREATE CONSTRAINT TRIGGER contributi_concessione_copre_pagamenti
    AFTER UPDATE OF importo, riduzione ON contributi_concessione
    FOR EACH ROW EXECUTE FUNCTION contributi_pagamenti_entro_concessione();
"""

REVERSE = """
DROP TRIGGER IF EXISTS contributi_concessione_copre_pagamenti ON contributi_concessione;
DROP TRIGGER IF EXISTS contributi_pagamento_entro_concessione ON contributi_pagamento;
DROP FUNCTION IF EXISTS contributi_pagamenti_entro_concessione();
"""


class Migration(migrations.Migration):
    dependencies = [("contributi", "0005_erogazioni_models")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
