"""The grants' open dataset: the transparency register (art. 26-27 D.Lgs. 33/2013), listed at /dati-aperti/."""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from costellazioni.open_data import campi, register_dataset

SOURCE = _("Atti di concessione del Comune di Venezia")
FREQUENCY = _("a ogni pubblicazione")


def last_update():
    from contributi.models import Concessione

    return Concessione.objects.for_trasparenza().aggregate(ultimo=Max("pubblicata_il"))["ultimo"]


def register():
    register_dataset(
        "contributi-concessi",
        title=_("Contributi concessi"),
        description=_(
            "Sovvenzioni e contributi concessi con i bandi del programma, pubblicati ai sensi degli articoli 26 e 27 "
            "del D.Lgs. 33/2013."
        ),
        formats={"CSV": "trasparenza_contributi:csv", "JSON": "trasparenza_contributi:json"},
        dictionary=campi(
            SOURCE,
            FREQUENCY,
            ("data_pubblicazione", _("Data di pubblicazione della concessione"), "AAAA-MM-GG"),
            ("beneficiario", _("Nome pubblico del beneficiario")),
            ("codice_fiscale", _("Codice fiscale del beneficiario")),
            ("importo", _("Importo concesso al netto delle riduzioni"), "EUR"),
            ("norma", _("Norma o titolo a base dell'attribuzione")),
            ("ufficio", _("Ufficio responsabile")),
            ("responsabile", _("Responsabile del procedimento")),
            ("modalita_individuazione", _("Modalità di individuazione del beneficiario")),
            ("progetto", _("Titolo del progetto")),
            ("bando", _("Bando")),
            ("cup", _("Codice unico di progetto")),
            ("codice_cor", _("Codice COR del Registro nazionale degli aiuti")),
            ("revocato", _("Vero se la concessione è stata revocata")),
        ),
        last_update=last_update,
    )
