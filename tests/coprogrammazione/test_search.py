"""Site search: published processes and the MOUs of the public register, nothing else."""

import pytest

from coprogrammazione.models import ProtocolloIntesa
from coprogrammazione.models.protocolli import STATI_FIRMATI
from costellazioni import search
from tests.coprogrammazione.factories import PercorsoFactory, protocollo_with_parties

pytestmark = pytest.mark.django_db
SEZIONI = ("Percorsi di co-programmazione", "Protocolli d'intesa firmati")


def set_state(protocollo, stato):
    """Put an MOU in ``stato`` directly (a generated document stands behind every state but the draft)."""
    if stato != "bozza":
        ProtocolloIntesa.objects.filter(pk=protocollo.pk).update(versione=1, impronta="b" * 64)
    if stato in STATI_FIRMATI:
        protocollo.parti.update(firmato_il=protocollo.data_inizio, firma_sha256="a" * 64, firma_versione=1)
    ProtocolloIntesa.objects.filter(pk=protocollo.pk).update(stato=stato)


def found(query):
    return {r.title: r for r in search.search(query) if r.section in SEZIONI}


def test_published_processes_are_found_in_italian_and_drafts_are_not():
    percorso = PercorsoFactory(titolo="Contrastare la solitudine degli anziani", tema="Reti di prossimità")
    PercorsoFactory(titolo="Solitudine: percorso in preparazione", pubblicato=False)
    risultati = found("solitudine anziani")
    assert list(risultati) == [percorso.titolo]
    assert risultati[percorso.titolo].url == percorso.get_absolute_url()
    assert risultati[percorso.titolo].section == "Percorsi di co-programmazione"


@pytest.mark.parametrize(
    "stato, visibile",
    [("bozza", False), ("in_firma", False), ("attivo", True), ("scaduto", True), ("risolto", False)],
)
def test_mous_are_found_only_once_signed(stato, visibile):
    protocollo, parti = protocollo_with_parties(oggetto="Orti condivisi di Gazzera")
    set_state(protocollo, stato)
    risultati = found("orti Gazzera")
    assert (protocollo.oggetto in risultati) is visibile
    if visibile:
        assert risultati[protocollo.oggetto].url == protocollo.get_absolute_url()


def test_a_signed_mou_is_found_by_a_party_and_the_match_is_marked():
    protocollo, parti = protocollo_with_parties(oggetto="Merenda solidale al parco")
    set_state(protocollo, "attivo")
    ente = parti[-1].denominazione
    risultato = found(ente.split()[-2])[protocollo.oggetto]
    assert "<mark>" in risultato.excerpt


def test_markup_in_the_text_is_escaped():
    protocollo, parti = protocollo_with_parties(oggetto="Protocollo di prova", testo="Orti & <b>spazi</b> > 2")
    set_state(protocollo, "attivo")
    risultato = found("orti")[protocollo.oggetto]
    assert "<b>" not in risultato.excerpt and "&amp;" in risultato.excerpt
