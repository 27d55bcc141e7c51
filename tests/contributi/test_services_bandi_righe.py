"""``contributi.services.bandi``: the parts of a call (criteria, required attachments, documents, FAQ, quartieri)
change through a service with a coded audit row; what defines a published call refuses to change."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from contributi import services
from contributi.events import Evento
from contributi.models import CriterioValutazione, FaqBando
from costellazioni.models import EventoAudit, Quartiere
from tests.admin_form import admin_form_data
from tests.contributi.factories import BandoFactory, open_bando
from tests.contributi.factories_erogazioni import piano
from tests.costellazioni.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def audit_rows(bando):
    return list(EventoAudit.objects.for_object(bando).order_by("pk").values_list("evento", "nota"))


class TestBandoRowSave:
    def test_a_criterion_of_a_draft_is_added_then_corrected_with_coded_rows(self):
        staff = StaffFactory()
        bando = BandoFactory()
        criterio = services.bando_row_save(
            row=CriterioValutazione(bando=bando, codice="B.1", titolo="Rete di quartiere", punteggio_massimo=20),
            actor=staff,
        )
        criterio.titolo = "Rete con le antenne di quartiere"
        services.bando_row_save(row=criterio, actor=staff)

        assert audit_rows(bando) == [
            (Evento.CONTENUTO_DEL_BANDO_AGGIUNTO, "B.1 Rete di quartiere"),
            (Evento.CONTENUTO_DEL_BANDO_MODIFICATO, "B.1 Rete con le antenne di quartiere"),
        ]

    def test_a_criterion_of_a_published_call_is_refused_and_nothing_is_recorded(self):
        bando = open_bando()
        criterio = bando.criteri.first()
        criterio.punteggio_massimo = 99

        with pytest.raises(ValidationError) as error:
            services.bando_row_save(row=criterio, actor=StaffFactory())

        assert error.value.code == "frozen"
        assert audit_rows(bando) == []

    def test_an_faq_of_a_published_call_is_answered(self):
        bando = open_bando()
        faq = FaqBando(bando=bando, domanda="Serve la firma digitale?", risposta="Sì, del legale rappresentante.")

        services.bando_row_save(row=faq, actor=StaffFactory())

        assert audit_rows(bando) == [(Evento.CONTENUTO_DEL_BANDO_AGGIUNTO, "Serve la firma digitale?")]

    def test_someone_outside_the_selection_may_not(self):
        bando = BandoFactory()
        faq = FaqBando(bando=bando, domanda="Chi può partecipare?", risposta="Gli enti del terzo settore.")

        with pytest.raises(PermissionDenied):
            services.bando_row_save(row=faq, actor=UserFactory(is_staff=True))

        assert not FaqBando.objects.filter(bando=bando).exists()


class TestBandoRowDelete:
    def test_removing_a_criterion_of_a_draft_is_recorded(self):
        bando = BandoFactory()
        criterio = bando.criteri.get(codice="A.2")

        services.bando_row_delete(row=criterio, actor=StaffFactory())

        assert list(bando.criteri.values_list("codice", flat=True)) == ["A.1"]
        assert audit_rows(bando) == [(Evento.CONTENUTO_DEL_BANDO_RIMOSSO, "A.2 Impatto sociale")]

    def test_a_criterion_of_a_published_call_stays(self):
        bando = open_bando()

        with pytest.raises(ValidationError) as error:
            services.bando_row_delete(row=bando.criteri.first(), actor=StaffFactory())

        assert error.value.code == "frozen"
        assert bando.criteri.count() == 2
        assert audit_rows(bando) == []


class TestBandoQuartieriSet:
    def test_choosing_quartieri_is_recorded_and_choosing_the_same_again_is_not(self):
        staff = StaffFactory()
        bando = BandoFactory()
        quartieri = list(Quartiere.objects.order_by("pk")[:2])

        services.bando_quartieri_set(bando=bando, quartieri=quartieri, actor=staff)
        services.bando_quartieri_set(bando=bando, quartieri=reversed(quartieri), actor=staff)

        assert set(bando.quartieri.all()) == set(quartieri)
        assert audit_rows(bando) == [(Evento.QUARTIERI_DEL_BANDO_MODIFICATI, ", ".join(map(str, quartieri)))]

    def test_a_published_call_keeps_its_quartieri(self):
        bando = open_bando()

        with pytest.raises(ValidationError) as error:
            services.bando_quartieri_set(bando=bando, quartieri=Quartiere.objects.all()[:1], actor=StaffFactory())

        assert error.value.message_dict == {
            "quartieri": ["Il bando è pubblicato: i quartieri si correggono solo con una rettifica."]
        }
        assert not bando.quartieri.exists()


def test_the_admin_form_saves_a_new_criterion_and_the_quartieri_through_the_services(client):
    staff = StaffFactory()
    bando = BandoFactory()
    piano(bando)
    quartiere = Quartiere.objects.order_by("pk").first()
    url = reverse("admin:contributi_bando_change", args=[bando.pk])
    client.force_login(staff)
    data = admin_form_data(client.get(url).content.decode())
    data |= {
        "quartieri": [str(quartiere.pk)],
        "criteri-TOTAL_FORMS": str(int(data["criteri-TOTAL_FORMS"]) + 1),
    }
    new = int(data["criteri-TOTAL_FORMS"]) - 1
    data |= {
        f"criteri-{new}-codice": "B.1",
        f"criteri-{new}-titolo": "Rete di quartiere",
        f"criteri-{new}-punteggio_massimo": "20",
        f"criteri-{new}-ordine": "3",
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    assert bando.criteri.filter(codice="B.1").exists()
    assert list(bando.quartieri.all()) == [quartiere]
    assert [(evento, autore) for evento, _, autore in _rows_with_author(bando)] == [
        (Evento.QUARTIERI_DEL_BANDO_MODIFICATI, staff),
        (Evento.CONTENUTO_DEL_BANDO_AGGIUNTO, staff),
    ]


def _rows_with_author(bando):
    return [(row.evento, row.nota, row.autore) for row in EventoAudit.objects.for_object(bando).order_by("pk")]
