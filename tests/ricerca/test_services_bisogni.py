import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from costellazioni import roles
from costellazioni.models import EventoAudit
from ricerca import services
from ricerca.models import Bisogno, RispostaBisogno
from tests.costellazioni.factories import EnteFactory, StaffFactory, UserFactory
from tests.ricerca.factories import BisognoFactory, categoria_bisogno

pytestmark = pytest.mark.django_db
S = Bisogno.Stato


def test_a_need_is_followed_to_its_answer_with_who_and_when():
    staff = StaffFactory()
    bisogno = BisognoFactory()
    bisogno = services.bisogno_transition(bisogno=bisogno, to=S.PRESO_IN_CARICO, actor=staff)
    bisogno = services.bisogno_transition(
        bisogno=bisogno, to=S.INDIRIZZATO, actor=staff, note="Inviata allo sportello dell'HUB"
    )
    ente = EnteFactory()
    risposta = services.bisogno_link_risposta(bisogno=bisogno, descrizione="Sportello HUB", actor=staff, oggetto=ente)
    bisogno = services.bisogno_transition(bisogno=bisogno, to=S.RISOLTO, actor=staff)
    assert bisogno.stato == S.RISOLTO
    assert bisogno.stato_aggiornato_da == staff and bisogno.stato_aggiornato_il is not None
    assert risposta.oggetto == ente
    eventi = EventoAudit.objects.for_object(bisogno).order_by("pk")
    assert [(e.stato_da, e.stato_a, e.autore) for e in eventi] == [
        (S.SEGNALATO, S.PRESO_IN_CARICO, staff),
        (S.PRESO_IN_CARICO, S.INDIRIZZATO, staff),
        (S.INDIRIZZATO, S.RISOLTO, staff),
    ]
    assert eventi[1].nota == "Inviata allo sportello dell'HUB"


def test_an_operator_may_move_a_need():
    operatore = UserFactory(groups=[roles.OPERATORE])
    bisogno = services.bisogno_transition(bisogno=BisognoFactory(), to=S.PRESO_IN_CARICO, actor=operatore)
    assert bisogno.stato == S.PRESO_IN_CARICO


def test_a_citizen_may_not_move_a_need():
    with pytest.raises(PermissionDenied, match="Non hai i permessi"):
        services.bisogno_transition(bisogno=BisognoFactory(), to=S.PRESO_IN_CARICO, actor=UserFactory())
    assert Bisogno.objects.get().stato == S.SEGNALATO


def test_a_need_cannot_skip_being_taken_in_charge():
    with pytest.raises(ValidationError, match="non è previsto"):
        services.bisogno_transition(bisogno=BisognoFactory(), to=S.RISOLTO, actor=StaffFactory())


def test_not_solvable_needs_a_reason():
    with pytest.raises(ValidationError, match="motivazione"):
        services.bisogno_transition(bisogno=BisognoFactory(), to=S.NON_RISOLVIBILE, actor=StaffFactory())


def test_only_staff_reopens_a_solved_need():
    staff = StaffFactory()
    operatore = UserFactory(groups=[roles.OPERATORE])
    bisogno = services.bisogno_transition(bisogno=BisognoFactory(), to=S.PRESO_IN_CARICO, actor=staff)
    bisogno = services.bisogno_transition(bisogno=bisogno, to=S.RISOLTO, actor=staff)
    with pytest.raises(PermissionDenied, match="Non hai i permessi"):
        services.bisogno_transition(bisogno=bisogno, to=S.PRESO_IN_CARICO, actor=operatore, note="Di nuovo")
    bisogno = services.bisogno_transition(bisogno=bisogno, to=S.PRESO_IN_CARICO, actor=staff, note="Di nuovo")
    assert bisogno.stato == S.PRESO_IN_CARICO


def test_a_citizen_cannot_link_an_answer():
    with pytest.raises(PermissionDenied, match="Non hai i permessi"):
        services.bisogno_link_risposta(bisogno=BisognoFactory(), descrizione="Io", actor=UserFactory())
    assert not RispostaBisogno.objects.exists()


def test_an_answer_needs_both_type_and_id_or_neither():
    from django.contrib.contenttypes.models import ContentType
    from django.db import IntegrityError

    with pytest.raises(IntegrityError, match="risposta_bisogno_oggetto_completo"):
        RispostaBisogno.objects.create(
            bisogno=BisognoFactory(), descrizione="x", content_type=ContentType.objects.first(), object_id=""
        )


def test_the_data_migration_maps_old_states_onto_the_lifecycle():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("ricerca.migrations.0004_bisogno_stati_lifecycle")
    vecchi = {stato: BisognoFactory() for stato in ["aperto", "in_carico", "chiuso"]}
    for stato, bisogno in vecchi.items():
        Bisogno.objects.filter(pk=bisogno.pk).update(stato=stato)
    migration.forward(apps, None)
    assert {stato: Bisogno.objects.get(pk=b.pk).stato for stato, b in vecchi.items()} == {
        "aperto": S.SEGNALATO,
        "in_carico": S.PRESO_IN_CARICO,
        "chiuso": S.RISOLTO,
    }
    assert Bisogno.objects.aperti().count() == 2


def test_the_citizen_who_reported_hears_the_answer():
    from costellazioni.models import Messaggio

    cittadina, staff = UserFactory(), StaffFactory()
    bisogno = services.bisogno_report(
        categoria=categoria_bisogno("casa"), descrizione="Muffa in casa", quartiere=None, user=cittadina
    )
    bisogno = services.bisogno_transition(bisogno=bisogno, to=S.PRESO_IN_CARICO, actor=staff)
    assert not Messaggio.objects.filter(destinatario=cittadina).exists()
    services.bisogno_transition(bisogno=bisogno, to=S.INDIRIZZATO, actor=staff, note="Chiama lo sportello casa.")
    messaggio = Messaggio.objects.get(destinatario=cittadina)
    assert "indirizzato" in messaggio.oggetto and "Chiama lo sportello casa." in messaggio.testo
