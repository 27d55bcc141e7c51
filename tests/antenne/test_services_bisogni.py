"""``antenne.services.bisogni``: a need reported from the portal reaches the right operators."""

import uuid

import pytest

from antenne import services
from costellazioni.models import Messaggio
from tests.antenne.factories import OperatoreFactory, primo_quartiere
from tests.ricerca.factories import categoria_bisogno

pytestmark = pytest.mark.django_db


class TestBisognoSegnalato:
    """A need reported from the portal reaches the quartiere's operators and their coordinators."""

    def report(self, quartiere):
        from ricerca.services import bisogno_report

        return bisogno_report(categoria=categoria_bisogno("casa"), descrizione="Muffa in casa", quartiere=quartiere)

    def recipients(self):
        return set(Messaggio.objects.values_list("destinatario_id", flat=True))

    def test_operators_of_the_quartiere_and_their_coordinator(self):
        from costellazioni.models import Quartiere

        qui, altrove = Quartiere.objects.order_by("pk")[:2]
        coordinatore = OperatoreFactory(coordinatore=True, quartieri=[altrove])
        operatore = OperatoreFactory(quartieri=[qui], coordinato_da=coordinatore)
        OperatoreFactory(quartieri=[altrove])
        OperatoreFactory(quartieri=[qui], attivo=False)
        self.report(qui)
        assert self.recipients() == {operatore.user_id, coordinatore.user_id}
        messaggio = Messaggio.objects.get(destinatario=operatore.user)
        assert messaggio.link == "/operatori/#bisogni" and qui.nome in messaggio.oggetto

    def test_without_a_quartiere_every_coordinator_hears_of_it(self):
        uno, due = OperatoreFactory(coordinatore=True), OperatoreFactory(coordinatore=True)
        OperatoreFactory()
        self.report(None)
        assert self.recipients() == {uno.user_id, due.user_id}

    def test_needs_logged_by_operators_notify_nobody(self):
        operatore = OperatoreFactory()
        OperatoreFactory(coordinatore=True)
        services.attivita_log(
            operatore=operatore,
            uuid=uuid.uuid4(),
            tipo="presidio",
            quartiere=primo_quartiere(),
            bisogni=[{"categoria": categoria_bisogno("casa"), "descrizione": "Muffa", "urgenza": "media"}],
        )
        assert not Messaggio.objects.exists()
