import pytest

from ricerca.models import Bisogno, CollegamentoToc, Domanda, ElementoToc, RispostaBisogno, TeoriaCambiamento
from tests.costellazioni.factories import EnteFactory
from tests.ricerca.factories import BisognoFactory, ElementoFactory, TeoriaFactory, questionario_completo

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "bisogno",
    "questionario",
    "stakeholder",
    "attivitacoinvolgimento",
    "dimensionematurita",
    "rilevazionematurita",
    "valutazionematurita",
    "intervista",
    "tema",
    "categoriabisogno",
    "teoriacambiamento",
    "indicatoretoc",
]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_staff_opens_every_changelist_and_add_form(client, staff_user, model):
    BisognoFactory()
    questionario_completo()
    TeoriaFactory()
    client.force_login(staff_user)
    assert client.get(f"/admin/ricerca/{model}/").status_code == 200
    assert client.get(f"/admin/ricerca/{model}/add/").status_code == 200


def test_change_forms_open(client, staff_user):
    bisogno = BisognoFactory()
    q, _d = questionario_completo()
    teoria = ElementoFactory().teoria
    client.force_login(staff_user)
    for url in [
        f"/admin/ricerca/bisogno/{bisogno.pk}/change/",
        f"/admin/ricerca/questionario/{q.pk}/change/",
        f"/admin/ricerca/teoriacambiamento/{teoria.pk}/change/",
    ]:
        assert client.get(url).status_code == 200, url


def test_admin_actions_move_needs_through_the_service(client, staff_user):
    bisogni = BisognoFactory.create_batch(2)
    client.force_login(staff_user)
    client.post(
        "/admin/ricerca/bisogno/",
        {"action": "bisogno_preso_in_carico", "_selected_action": [b.pk for b in bisogni], "nota": ""},
    )
    assert set(Bisogno.objects.values_list("stato", flat=True)) == {Bisogno.Stato.PRESO_IN_CARICO}
    response = client.post(
        "/admin/ricerca/bisogno/",
        {"action": "bisogno_non_risolvibile", "_selected_action": [bisogni[0].pk], "nota": ""},
        follow=True,
    )
    assert "Scrivi la motivazione" in response.content.decode()


def _inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_admin_links_an_answer_to_a_need_by_content_type(client, staff_user):
    from django.contrib.contenttypes.models import ContentType

    bisogno = BisognoFactory()
    ente = EnteFactory()
    client.force_login(staff_user)
    data = {
        "categoria": bisogno.categoria_id,
        "descrizione": bisogno.descrizione,
        "destinatari": bisogno.destinatari,
        "urgenza": bisogno.urgenza,
        "quartiere": bisogno.quartiere_id,
        "fonte": bisogno.fonte,
        **_inline_management("risposte", total=1),
        "risposte-0-descrizione": "Seguito dall'ente",
        "risposte-0-content_type": ContentType.objects.get_for_model(ente).pk,
        "risposte-0-object_id": "999999",
    }
    response = client.post(f"/admin/ricerca/bisogno/{bisogno.pk}/change/", data)
    assert response.status_code == 200 and "Non esiste un elemento" in response.content.decode()
    data["risposte-0-object_id"] = str(ente.pk)
    response = client.post(f"/admin/ricerca/bisogno/{bisogno.pk}/change/", data)
    assert response.status_code == 302
    assert RispostaBisogno.objects.get().oggetto == ente


def test_admin_refuses_a_link_that_closes_a_cycle(client, staff_user):
    teoria = TeoriaFactory()
    a = ElementoFactory(teoria=teoria)
    b = ElementoFactory(teoria=teoria)
    CollegamentoToc.objects.create(teoria=teoria, da=a, a=b)
    client.force_login(staff_user)
    data = {
        "versione": teoria.versione,
        "titolo": teoria.titolo,
        "sintesi": "",
        **_inline_management("elementi", total=2, initial=2),
        **{
            f"elementi-{i}-{k}": v
            for i, e in enumerate([a, b])
            for k, v in {"id": e.pk, "teoria": teoria.pk, "tipo": e.tipo, "ordine": 0, "titolo": e.titolo}.items()
        },
        **_inline_management("collegamenti", total=1),
        "collegamenti-0-da": b.pk,
        "collegamenti-0-a": a.pk,
        **_inline_management("commenti"),
    }
    response = client.post(f"/admin/ricerca/teoriacambiamento/{teoria.pk}/change/", data, follow=True)
    assert "creerebbe un ciclo" in response.content.decode()
    assert CollegamentoToc.objects.count() == 1
    assert TeoriaCambiamento.objects.get().stato == TeoriaCambiamento.Stato.BOZZA


def test_a_choice_question_without_options_is_refused(client, staff_user):
    q, _d = questionario_completo()
    domanda = Domanda(questionario=q, testo="Quale?", tipo=Domanda.Tipo.SCELTA_SINGOLA)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="almeno un'opzione"):
        domanda.full_clean()


def test_staff_scores_a_dimension_in_the_admin_through_the_service(client, staff_user):
    import datetime

    from ricerca.models import DimensioneMaturita, RilevazioneMaturita, ValutazioneMaturita

    reti = DimensioneMaturita.objects.create(nome="Reti", **{f"livello_{n}": f"L{n}" for n in range(1, 6)})
    base = RilevazioneMaturita.objects.create(fase="baseline", data=datetime.date(2026, 5, 1))
    client.force_login(staff_user)
    dati = {"rilevazione": base.pk, "dimensione": reti.pk, "punteggio": 3, "nota": ""}
    assert client.post("/admin/ricerca/valutazionematurita/add/", dati).status_code == 302
    assert client.post("/admin/ricerca/valutazionematurita/add/", {**dati, "punteggio": 4}).status_code == 302
    valutazione = ValutazioneMaturita.objects.get()
    assert (valutazione.punteggio, valutazione.autore) == (4, staff_user)
    base.aperta = False
    base.save()
    response = client.post("/admin/ricerca/valutazionematurita/add/", {**dati, "punteggio": 1})
    assert response.status_code == 200 and "La rilevazione è chiusa." in response.content.decode()


def test_the_committee_approves_a_version_from_the_admin(client):
    from costellazioni import roles
    from ricerca import services
    from tests.costellazioni.factories import StaffFactory

    staff = StaffFactory()
    teoria = services.teoria_transition(teoria=TeoriaFactory(), to="consultazione", actor=staff)
    client.force_login(staff)
    client.post("/admin/ricerca/teoriacambiamento/", {"action": "teoria_approvata", "_selected_action": [teoria.pk]})
    assert TeoriaCambiamento.objects.get().stato == "consultazione"  # staff prepare, the committee approves
    comitato = StaffFactory(groups=[roles.MEMBRO_ORGANO])
    client.force_login(comitato)
    client.post("/admin/ricerca/teoriacambiamento/", {"action": "teoria_approvata", "_selected_action": [teoria.pk]})
    assert TeoriaCambiamento.objects.get().stato == TeoriaCambiamento.Stato.APPROVATA


def _admin_clerk(*codenames):
    """Staff who may open the form in the admin but act neither for the City nor as an operator."""
    from django.contrib.auth.models import Permission

    from tests.costellazioni.factories import UserFactory

    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(content_type__app_label="ricerca", codename__in=codenames))
    return clerk


def _bisogno_form(bisogno, **changes):
    return {
        "categoria": bisogno.categoria_id,
        "descrizione": bisogno.descrizione,
        "destinatari": bisogno.destinatari,
        "urgenza": bisogno.urgenza,
        "quartiere": bisogno.quartiere_id,
        "fonte": bisogno.fonte,
        **_inline_management("risposte"),
        **changes,
    }


class TestBisognoForm:
    def test_staff_edit_goes_through_the_service_with_its_code(self, client, staff_user):
        from costellazioni.models import EventoAudit

        bisogno = BisognoFactory(urgenza=Bisogno.Urgenza.MEDIA)
        client.force_login(staff_user)
        data = _bisogno_form(bisogno, urgenza=Bisogno.Urgenza.ALTA)
        response = client.post(f"/admin/ricerca/bisogno/{bisogno.pk}/change/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        bisogno.refresh_from_db()
        assert bisogno.urgenza == Bisogno.Urgenza.ALTA
        riga = EventoAudit.objects.for_object(bisogno).get()
        assert (riga.evento, riga.autore, riga.nota) == (
            "ricerca.bisogno_modificato",
            staff_user,
            "Campi modificati: urgenza.",
        )

    def test_a_refusal_is_shown_next_to_the_form_and_nothing_is_saved(self, client):
        from django.contrib.messages import get_messages

        from costellazioni.models import EventoAudit

        bisogno = BisognoFactory(urgenza=Bisogno.Urgenza.MEDIA)
        client.force_login(_admin_clerk("view_bisogno", "change_bisogno"))
        data = _bisogno_form(bisogno, urgenza=Bisogno.Urgenza.ALTA)
        response = client.post(f"/admin/ricerca/bisogno/{bisogno.pk}/change/", data)
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert form.non_field_errors() == ["Solo lo staff e gli operatori di comunità seguono i bisogni."]
        assert list(get_messages(response.wsgi_request)) == []
        bisogno.refresh_from_db()
        assert bisogno.urgenza == Bisogno.Urgenza.MEDIA
        assert not EventoAudit.objects.for_object(bisogno).exists()


def _teoria_form(teoria, **changes):
    """The draft's form with one new element, «Merende in campo»."""
    return {
        "versione": teoria.versione,
        "titolo": teoria.titolo,
        "sintesi": teoria.sintesi,
        **_inline_management("elementi", total=1),
        "elementi-0-teoria": teoria.pk,
        "elementi-0-tipo": ElementoToc.Tipo.ATTIVITA,
        "elementi-0-ordine": 0,
        "elementi-0-titolo": "Merende in campo",
        **_inline_management("collegamenti"),
        **_inline_management("commenti"),
        **changes,
    }


class TestTeoriaForm:
    def test_staff_edit_of_a_draft_goes_through_the_service_with_its_code(self, client, staff_user):
        from costellazioni.models import EventoAudit

        teoria = TeoriaFactory()
        client.force_login(staff_user)
        response = client.post(
            f"/admin/ricerca/teoriacambiamento/{teoria.pk}/change/", _teoria_form(teoria, titolo="Laguna viva")
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        teoria.refresh_from_db()
        assert teoria.titolo == "Laguna viva"
        assert list(teoria.elementi.values_list("titolo", flat=True)) == ["Merende in campo"]
        riga = EventoAudit.objects.for_object(teoria).get()
        assert (riga.evento, riga.autore) == ("ricerca.versione_modificata", staff_user)

    def test_a_refusal_is_shown_next_to_the_form_and_nothing_is_saved(self, client):
        from django.contrib.messages import get_messages

        from costellazioni.models import EventoAudit

        teoria = TeoriaFactory()
        titolo = teoria.titolo
        client.force_login(
            _admin_clerk("view_teoriacambiamento", "change_teoriacambiamento", "add_elementotoc", "view_elementotoc")
        )
        response = client.post(
            f"/admin/ricerca/teoriacambiamento/{teoria.pk}/change/", _teoria_form(teoria, titolo="Laguna viva")
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.non_field_errors() == ["Non hai i permessi per questa operazione."]
        assert list(get_messages(response.wsgi_request)) == []
        teoria.refresh_from_db()
        assert teoria.titolo == titolo
        assert not teoria.elementi.exists()
        assert not EventoAudit.objects.for_object(teoria).exists()
