# ruff: noqa: E501
"""The automatic indicators of research, co-programming and governance in the catalogue (targets: the demo).

CC-03 (MOUs signed) and CC-05 (meetings held) were entered by hand until their apps existed: they become automatic.
"""

from django.db import migrations

M, Q = "mensile", "trimestrale"
OUT, RIS = "output", "risultato"

# codice, nome, definizione, unità, tipo, macro-azione, teoria del cambiamento, calcolo, frequenza, aggregazione,
# disaggregazioni
NEW = [
    (
        "CC-20",
        "Bisogni presi in carico",
        "Bisogni segnalati fino alla fine del periodo che un operatore, un HUB, un'antenna o un progetto ha preso in carico (anche se poi indirizzati, risolti o non risolvibili).",
        "bisogni",
        RIS,
        1,
        "Bisogni intercettati che trovano una risposta",
        "ricerca.bisogni_presi_in_carico",
        M,
        "ultimo",
        ["quartiere"],
    ),
    (
        "CC-21",
        "Protocolli d'intesa attivi",
        "Protocolli d'intesa firmati e in vigore (attivi o in scadenza) alla data della rilevazione.",
        "protocolli",
        OUT,
        2,
        "Amministrazione condivisa",
        "coprogrammazione.protocolli_attivi",
        M,
        "ultimo",
        [],
    ),
    (
        "CC-22",
        "Impegni dei protocolli adempiuti",
        "Impegni dei protocolli d'intesa firmati, con scadenza entro la fine del periodo, verificati come adempiuti.",
        "impegni",
        RIS,
        2,
        "Amministrazione condivisa",
        "coprogrammazione.impegni_adempiuti",
        M,
        "ultimo",
        [],
    ),
    (
        "CC-23",
        "Impegni dei protocolli scaduti e non adempiuti",
        "Impegni dei protocolli d'intesa firmati scaduti alla fine del periodo e non adempiuti (ancora aperti o dichiarati inadempiuti). Il valore atteso è il massimo tollerato.",
        "impegni",
        RIS,
        2,
        "Amministrazione condivisa",
        "coprogrammazione.impegni_scaduti",
        M,
        "ultimo",
        [],
    ),
    (
        "CC-24",
        "Risorse condivise tra enti",
        "Condivisioni di spazi, attrezzature, competenze e altre risorse tra enti avvenute nel periodo nei percorsi di co-programmazione.",
        "condivisioni",
        OUT,
        2,
        "Generazione di nuove risorse per il territorio",
        "coprogrammazione.risorse_condivise",
        M,
        "somma",
        ["quartiere"],
    ),
    (
        "CC-25",
        "Partecipazione media alle riunioni degli organi",
        "Persone presenti (non per delega) in media a ogni riunione di assemblea, tavolo o comitato svolta nel periodo.",
        "presenti per riunione",
        RIS,
        2,
        "Partecipazione attiva dei cittadini",
        "governance.partecipazione_media",
        Q,
        "ultimo",
        [],
    ),
    (
        "CC-26",
        "Decisioni prese dagli organi",
        "Decisioni non respinte delle riunioni degli organi svolte nel periodo (orientamenti, attività condivise, indicazioni operative).",
        "decisioni",
        OUT,
        2,
        "Linee strategiche di intervento condivise",
        "governance.decisioni_prese",
        M,
        "somma",
        [],
    ),
    (
        "CC-27",
        "Azioni decise dagli organi e completate",
        "Azioni assegnate dalle decisioni degli organi e chiuse come completate nel periodo.",
        "azioni",
        RIS,
        2,
        "Amministrazione condivisa",
        "governance.azioni_chiuse",
        M,
        "somma",
        [],
    ),
]
# Catalogue rows that become automatic: codice -> (calcolo, frequenza, aggregazione, nome, definizione)
AUTOMATIC = {
    "CC-03": (
        "coprogrammazione.protocolli_firmati",
        M,
        "somma",
        "Protocolli d'intesa sottoscritti",
        "Protocolli d'intesa (MOU) di cui l'ultima parte ha firmato nel periodo, al termine dei percorsi di co-programmazione.",
    ),
    "CC-05": (
        "governance.riunioni_svolte",
        M,
        "somma",
        "Riunioni degli organi svolte",
        "Incontri di assemblea, tavoli di lavoro e comitato di gestione svolti nel periodo (svolti o con verbale approvato).",
    ),
}
MANUAL = {
    "CC-03": (
        Q,
        "Protocolli d'intesa sottoscritti",
        "Protocolli d'intesa (MOU) firmati al termine dei percorsi di co-programmazione.",
    ),
    "CC-05": (
        Q,
        "Riunioni degli organi svolte e partecipanti",
        "Incontri di assemblea, tavoli di lavoro e comitato di gestione svolti nel periodo.",
    ),
}
CC02_DEFINIZIONE = "Bisogni segnalati fino alla fine del periodo e oggi in stato risolto: un HUB, un'antenna o un progetto ha dato la risposta."
CC02_DEFINIZIONE_PRIMA = "Bisogni segnalati fino alla fine del periodo e non più aperti: presi in carico e chiusi da un HUB, un'antenna o un progetto."


def forward(apps, schema_editor):
    Indicatore = apps.get_model("monitoraggio", "Indicatore")
    for ordine, row in enumerate(NEW, start=100):
        codice, nome, definizione, unita, tipo, macro, toc, calcolo, frequenza, aggregazione, disagg = row
        Indicatore.objects.update_or_create(
            codice=codice,
            defaults={
                "nome": nome,
                "definizione": definizione,
                "unita": unita,
                "tipo": tipo,
                "macro_azione": macro,
                "elemento_teoria_cambiamento": toc,
                "calcolo": calcolo,
                "fonte": "automatica",
                "frequenza": frequenza,
                "aggregazione": aggregazione,
                "disaggregazioni": disagg,
                "ordine": ordine,
                "pubblico": True,
            },
        )
    for codice, (calcolo, frequenza, aggregazione, nome, definizione) in AUTOMATIC.items():
        Indicatore.objects.filter(codice=codice).update(
            calcolo=calcolo,
            fonte="automatica",
            frequenza=frequenza,
            aggregazione=aggregazione,
            nome=nome,
            definizione=definizione,
        )
    Indicatore.objects.filter(codice="CC-02").update(definizione=CC02_DEFINIZIONE)


def backward(apps, schema_editor):
    Indicatore = apps.get_model("monitoraggio", "Indicatore")
    Indicatore.objects.filter(codice__in=[row[0] for row in NEW]).delete()
    for codice, (frequenza, nome, definizione) in MANUAL.items():
        Indicatore.objects.filter(codice=codice).update(
            calcolo="", fonte="manuale", frequenza=frequenza, nome=nome, definizione=definizione
        )
    Indicatore.objects.filter(codice="CC-02").update(definizione=CC02_DEFINIZIONE_PRIMA)


class Migration(migrations.Migration):
    dependencies = [("monitoraggio", "0006_rilevazione_roles")]

    operations = [migrations.RunPython(forward, backward)]
