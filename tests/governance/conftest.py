import datetime

import pytest

from governance.models import Partecipazione, Riunione
from governance.services import riunioni
from tests.costellazioni.factories import StaffFactory
from tests.governance.factories import MembroOrganoFactory, OrganoFactory, PuntoFactory, RiunioneFactory, at


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def organo(db):
    return OrganoFactory(nome="Assemblea del partenariato", slug="assemblea")


@pytest.fixture
def membri(organo):
    """Five members: the first is the chair."""
    return [MembroOrganoFactory(organo=organo, presidente=True)] + [
        MembroOrganoFactory(organo=organo) for _ in range(4)
    ]


def hold(riunione: Riunione, staff, presenti: int, deleghe: int = 0) -> Riunione:
    """Register ``presenti`` members present and ``deleghe`` absent members delegating to the first one."""
    righe = list(riunione.partecipazioni.filter(membro__isnull=False).order_by("pk"))
    registro = {}
    for index, riga in enumerate(righe):
        if index < presenti:
            registro[riga.pk] = (Partecipazione.Presenza.PRESENTE, None)
        elif index < presenti + deleghe:
            registro[riga.pk] = (Partecipazione.Presenza.DELEGATO, righe[0].pk)
        else:
            registro[riga.pk] = (Partecipazione.Presenza.ASSENTE, None)
    riunioni.presenze_register(riunione=riunione, actor=staff, presenze=registro)
    return riunioni.riunione_held(riunione=riunione, actor=staff)


@pytest.fixture
def svolta(organo, membri, staff):
    """A meeting held a month ago with four of five members present, two agenda items."""
    riunione = RiunioneFactory(organo=organo, inizio=at(-30), titolo="Assemblea di primavera")
    PuntoFactory(riunione=riunione, ordine=1, titolo="Priorità per il 2027")
    PuntoFactory(riunione=riunione, ordine=2, titolo="Varie ed eventuali")
    return hold(riunione, staff, presenti=4)


@pytest.fixture
def successiva(organo, membri, staff):
    """A later meeting of the same body, held a week ago with everybody present."""
    riunione = RiunioneFactory(organo=organo, inizio=at(-7), titolo="Assemblea d'estate")
    return hold(riunione, staff, presenti=5)


__all__ = ["datetime"]
