"""The payment trigger also refuses a payment on an award not yet published (art. 26 c. 3 D.Lgs. 33/2013)."""

from django.db import migrations

BODY = """
CREATE OR REPLACE FUNCTION contributi_pagamenti_entro_concessione() RETURNS trigger
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
    SELECT importo, riduzione, revocata_il, pubblicata_il INTO award
        FROM contributi_concessione WHERE id = award_id FOR UPDATE;
    SELECT COALESCE(SUM(importo), 0) INTO paid FROM contributi_pagamento WHERE concessione_id = award_id;
    IF TG_TABLE_NAME = 'contributi_pagamento' AND award.revocata_il IS NOT NULL THEN
        RAISE EXCEPTION 'contributo % revocato: nessun pagamento è ammesso', award_id
            USING ERRCODE = 'check_violation';
    END IF;
    {published_check}
    IF paid > award.importo - award.riduzione THEN
        RAISE EXCEPTION 'i pagamenti (%) superano il contributo erogabile (%) della concessione %',
            paid, award.importo - award.riduzione, award_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;
"""

PUBLISHED_CHECK = """IF paid > 0 AND award.pubblicata_il IS NULL THEN
        RAISE EXCEPTION 'concessione % non pubblicata: nessun pagamento prima della pubblicazione', award_id
            USING ERRCODE = 'check_violation';
    END IF;"""


class Migration(migrations.Migration):
    dependencies = [("contributi", "0011_erogazioni_piano_tranche")]

    operations = [
        migrations.RunSQL(
            BODY.replace("{published_check}", PUBLISHED_CHECK),
            BODY.replace("{published_check}", ""),
        )
    ]
