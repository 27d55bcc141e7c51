"""The monitoring datasets listed at /dati-aperti/: public indicators and their measurements."""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from costellazioni.open_data import Campo, campi, register_dataset

SOURCE = _("Portale Costellazioni civiche (calcolo automatico) e rilevazioni validate dal Comune")
MONTHLY = _("ogni notte (mese in corso), chiuso a fine mese")


def last_update():
    from monitoraggio.models import Misurazione

    return Misurazione.objects.valide().aggregate(ultimo=Max("rilevata_il"))["ultimo"]


def register():
    register_dataset(
        "monitoraggio-indicatori",
        title=_("Indicatori del programma"),
        description=_(
            "Gli indicatori del programma e gli indicatori comuni europei (FSE+, FESR) con il valore ad oggi "
            "e il target."
        ),
        formats={
            "CSV": "monitoraggio:indicatori_csv",
            "JSON": "monitoraggio:indicatori_json",
            "XLSX": "monitoraggio:indicatori_xlsx",
        },
        dictionary=campi(
            SOURCE,
            MONTHLY,
            ("codice", _("Codice dell'indicatore (CC- del programma, EECO/EECR/RCO dell'UE)")),
            ("codice_ue", _("Codice dell'indicatore comune europeo, se lo è")),
            ("nome", _("Nome dell'indicatore")),
            ("unita", _("Unità di misura")),
            ("tipo", _("output, risultato o impatto")),
            ("macro_azione", _("Macro-azione del programma (1-5)")),
            ("valore_ad_oggi", _("Somma dei periodi (flussi) o ultimo valore (consistenze)"), _("unità")),
            ("ultimo_periodo", _("Inizio dell'ultimo periodo misurato"), "AAAA-MM-GG"),
            Campo("target", _("Valore atteso"), _("unità"), _("Programma operativo"), _("a ogni revisione")),
            Campo(
                "target_entro",
                _("Data entro cui raggiungere il target"),
                "AAAA-MM-GG",
                _("Programma operativo"),
                _("a ogni revisione"),
            ),
        ),
        last_update=last_update,
    )
    register_dataset(
        "monitoraggio-misurazioni",
        title=_("Misurazioni degli indicatori"),
        description=_(
            "Ogni valore misurato per periodo e disaggregazione (quartiere, genere, fascia d'età). "
            "I valori per quartiere inferiori a 5 sono omessi (campo soppresso)."
        ),
        formats={
            "CSV": "monitoraggio:misurazioni_csv",
            "JSON": "monitoraggio:misurazioni_json",
            "XLSX": "monitoraggio:misurazioni_xlsx",
        },
        dictionary=[
            Campo("indicatore", _("Codice dell'indicatore"), "", SOURCE, MONTHLY),
            Campo("periodo_inizio", _("Primo giorno del periodo"), "AAAA-MM-GG", SOURCE, MONTHLY),
            Campo("periodo_fine", _("Ultimo giorno del periodo"), "AAAA-MM-GG", SOURCE, MONTHLY),
            Campo("quartiere", _("Quartiere (identificativo), vuoto per il totale"), "", SOURCE, MONTHLY),
            Campo("genere", _("donne, uomini o non_binari; vuoto per il totale"), "", SOURCE, MONTHLY),
            Campo("fascia_eta", _("Fascia d'età; vuoto per il totale"), "", SOURCE, MONTHLY),
            Campo("altro", _("Altre disaggregazioni (stato, linea, categoria)"), "", SOURCE, MONTHLY),
            Campo("valore", _("Valore misurato; vuoto se soppresso"), _("unità dell'indicatore"), SOURCE, MONTHLY),
            Campo(
                "soppresso", _("Vero se il valore è omesso per proteggere le persone (meno di 5)"), "", SOURCE, MONTHLY
            ),
            Campo("origine", _("automatica, manuale o importata"), "", SOURCE, MONTHLY),
        ],
        last_update=last_update,
    )
