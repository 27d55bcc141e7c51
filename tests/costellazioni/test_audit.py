import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from costellazioni.admin.audit import AuditTimelineMixin, EventoAuditAdmin
from costellazioni.admin.enti import EnteAdmin
from costellazioni.events import Evento
from costellazioni.models import Ente, EventoAudit, User
from costellazioni.services.audit import audit_record
from costellazioni.services.enti import ente_set_verification
from tests.costellazioni.factories import EnteFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return User.objects.create_superuser("admin@comune.venezia.it", "Laguna-Admin-2026")


@pytest.fixture
def verified_ente():
    """An ente verified, then suspended by staff: two events with states and a note."""
    staff = StaffFactory(first_name="Marta", last_name="Zen")
    ente = EnteFactory()
    ente_set_verification(ente=ente, to=Ente.StatoVerifica.VERIFICATO, actor=staff)
    ente_set_verification(
        ente=ente, to=Ente.StatoVerifica.DA_VERIFICARE, actor=staff, note="Manca lo statuto aggiornato."
    )
    return ente


class TestAuditRecord:
    def test_records_who_when_from_to_note(self):
        ente = EnteFactory()
        staff = StaffFactory()
        evento = audit_record(
            obj=ente, evento=Evento.VERIFICA_L_ENTE, autore=staff, stato_da="a", stato_a="b", nota="ok"
        )
        evento.refresh_from_db()
        assert evento.content_type == ContentType.objects.get_for_model(Ente)
        assert evento.object_id == str(ente.pk)
        assert evento.oggetto_repr == str(ente)
        assert (evento.autore, evento.stato_da, evento.stato_a, evento.nota) == (staff, "a", "b", "ok")
        assert evento.creato_il is not None
        assert list(EventoAudit.objects.for_object(ente)) == [evento]

    def test_anonymous_or_missing_author_means_automatic(self):
        ente = EnteFactory()
        assert audit_record(obj=ente, evento=Evento.DATI_DELL_ENTE_AGGIORNATI).autore is None
        assert audit_record(obj=ente, evento=Evento.DATI_DELL_ENTE_AGGIORNATI, autore=AnonymousUser()).autore is None

    def test_accepts_choices_members(self):
        ente = EnteFactory()
        evento = audit_record(
            obj=ente,
            evento=Evento.ENTE_REGISTRATO,
            stato_da=Ente.StatoVerifica.DA_VERIFICARE,
            stato_a=Ente.StatoVerifica.VERIFICATO,
        )
        evento.refresh_from_db()
        assert (evento.stato_da, evento.stato_a) == ("da_verificare", "verificato")

    def test_needs_a_saved_object(self):
        with pytest.raises(ValueError, match="needs a saved object"):
            audit_record(obj=EnteFactory.build(), evento=Evento.ENTE_REGISTRATO)

    def test_refuses_an_unregistered_code(self):
        with pytest.raises(ValueError, match="Unregistered audit event code: 'Importato'"):
            audit_record(obj=EnteFactory(), evento="Importato")
        assert not EventoAudit.objects.exists()

    def test_stores_the_code_whatever_the_actors_language(self):
        ente = EnteFactory()
        with translation.override("en"):
            audit_record(obj=ente, evento=Evento.ENTE_REGISTRATO)
            # A caller still passing the label (translated) gets the code too.
            audit_record(obj=ente, evento=Evento.DATI_DELL_ENTE_AGGIORNATI.label)
        assert sorted(EventoAudit.objects.values_list("evento", flat=True)) == [
            "costellazioni.dati_dell_ente_aggiornati",
            "costellazioni.ente_registrato",
        ]


class TestImmutable:
    """The database itself refuses to change or delete the log."""

    def test_save_of_an_existing_row_is_refused(self):
        evento = audit_record(obj=EnteFactory(), evento=Evento.ENTE_REGISTRATO)
        evento.nota = "ritoccata"
        with pytest.raises(IntegrityError, match="append-only: UPDATE refused"), transaction.atomic():
            evento.save()

    def test_delete_is_refused(self):
        evento = audit_record(obj=EnteFactory(), evento=Evento.ENTE_REGISTRATO)
        with pytest.raises(IntegrityError, match="append-only: DELETE refused"), transaction.atomic():
            evento.delete()
        with pytest.raises(IntegrityError, match="append-only: DELETE refused"), transaction.atomic():
            EventoAudit.objects.all().delete()
        with pytest.raises(IntegrityError, match="append-only: UPDATE refused"), transaction.atomic():
            EventoAudit.objects.update(evento="altro")
        assert EventoAudit.objects.filter(pk=evento.pk, evento=Evento.ENTE_REGISTRATO).exists()

    def test_deleting_the_author_keeps_the_event(self):
        author = UserFactory()
        evento = audit_record(obj=EnteFactory(), evento=Evento.ENTE_REGISTRATO, autore=author)
        author.delete()
        evento.refresh_from_db()
        assert evento.autore is None
        assert evento.evento == "costellazioni.ente_registrato"


class TestTimeline:
    def render(self, obj):
        return Template("{% load audit %}{% audit_timeline obj %}").render(Context({"obj": obj}))

    def test_newest_first_with_labels_author_and_note(self, verified_ente):
        html = self.render(verified_ente)
        assert html.index("Sospendi la verifica") < html.index("Verifica l&#x27;ente")
        assert "da <em>Verificato</em> a <em>Da verificare</em>" in html
        assert "da <em>Da verificare</em> a <em>Verificato</em>" in html
        assert "Marta Zen" in html
        assert "Manca lo statuto aggiornato." in html
        assert "<h2" in html and "Cronologia" in html

    def test_automatic_changes_and_unknown_states(self):
        ente = EnteFactory()
        audit_record(obj=ente, evento=Evento.ENTE_REGISTRATO, stato_a="stato_sconosciuto")
        html = self.render(ente)
        assert "procedura automatica" in html
        assert "stato: <em>stato_sconosciuto</em>" in html

    def test_label_in_the_readers_language(self, verified_ente):
        with translation.override("en"):
            html = self.render(verified_ente)
        assert "Verify the organisation" in html and "Verifica l&#x27;ente" not in html
        with translation.override("it"):
            assert "Verifica l&#x27;ente" in self.render(verified_ente)
        assert EventoAudit.objects.filter(evento=Evento.VERIFICA_L_ENTE).count() == 1

    def test_empty(self):
        assert "Nessun cambiamento registrato." in self.render(EnteFactory())

    def test_only_this_objects_events(self, verified_ente):
        other = EnteFactory()
        audit_record(obj=other, evento=Evento.DATI_DELL_ENTE_AGGIORNATI)
        assert "Dati dell&#x27;ente aggiornati" not in self.render(verified_ente)

    def test_one_query(self, verified_ente, django_assert_num_queries):
        ContentType.objects.get_for_model(Ente, for_concrete_model=False)  # cached for the process
        for _ in range(20):
            audit_record(obj=verified_ente, evento=Evento.DATI_DELL_ENTE_AGGIORNATI, autore=StaffFactory())
        with django_assert_num_queries(1):
            self.render(verified_ente)


def admin_request(user, method="get", path="/admin/", data=None):
    request = getattr(RequestFactory(), method)(path, data or {})
    request.user = user
    request.session = {}
    request._messages = []
    return request


class TestEventoAuditAdmin:
    def test_nobody_may_add_change_or_delete(self, superuser):
        model_admin = admin.site._registry[EventoAudit]
        assert isinstance(model_admin, EventoAuditAdmin)
        request = admin_request(superuser)
        evento = audit_record(obj=EnteFactory(), evento=Evento.ENTE_REGISTRATO)
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request, evento)
        assert not model_admin.has_delete_permission(request, evento)
        assert model_admin.has_view_permission(request, evento)

    def test_change_form_is_read_only_and_delete_is_forbidden(self, client, superuser):
        evento = audit_record(obj=EnteFactory(), evento=Evento.ENTE_REGISTRATO, nota="Nota originale")
        client.force_login(superuser)
        change_url = reverse("admin:costellazioni_eventoaudit_change", args=[evento.pk])
        response = client.get(change_url)
        assert response.status_code == 200
        assert 'name="_save"' not in response.content.decode()
        response = client.post(change_url, {"nota": "Nota cambiata", "evento": "Altro"})
        assert response.status_code == 403
        delete_url = reverse("admin:costellazioni_eventoaudit_delete", args=[evento.pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
        assert client.get(reverse("admin:costellazioni_eventoaudit_add")).status_code == 403
        evento.refresh_from_db()
        assert (evento.nota, evento.evento) == ("Nota originale", "costellazioni.ente_registrato")

    def test_changelist_filters_and_search(self, client, superuser, verified_ente):
        audit_record(obj=EnteFactory(denominazione="Cooperativa Barene"), evento=Evento.ENTE_REGISTRATO)
        client.force_login(superuser)
        url = reverse("admin:costellazioni_eventoaudit_changelist")
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["cl"].result_count == 3
        assert client.get(url, {"q": "Barene"}).context["cl"].result_count == 1
        assert client.get(url, {"q": "zen"}).context["cl"].result_count == 0  # author e-mail, not name
        staff_email = EventoAudit.objects.for_object(verified_ente).first().autore.email
        assert client.get(url, {"q": staff_email}).context["cl"].result_count == 2
        assert client.get(url, {"evento": Evento.ENTE_REGISTRATO.value}).context["cl"].result_count == 1
        ente_type = ContentType.objects.get_for_model(Ente)
        assert client.get(url, {"content_type__id__exact": ente_type.pk}).context["cl"].result_count == 3

    def test_staff_comunale_may_read_but_not_change(self, client, verified_ente):
        client.force_login(StaffFactory())
        assert client.get(reverse("admin:costellazioni_eventoaudit_changelist")).status_code == 200
        evento = EventoAudit.objects.for_object(verified_ente).first()
        delete_url = reverse("admin:costellazioni_eventoaudit_delete", args=[evento.pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403

    def test_people_without_permission_cannot_see_the_log(self, client):
        client.force_login(UserFactory(is_staff=True))
        response = client.get(reverse("admin:costellazioni_eventoaudit_changelist"))
        assert response.status_code == 403


class TestAuditTimelineMixin:
    def test_change_form_shows_the_timeline(self, superuser, verified_ente):
        model_admin = EnteAdmin(Ente, admin.site)
        request = admin_request(superuser)
        fieldsets = model_admin.get_fieldsets(request, verified_ente)
        assert fieldsets[-1][1]["fields"] == ["cronologia"]
        assert sum(list(options["fields"]).count("cronologia") for _, options in fieldsets) == 1
        assert "cronologia" in model_admin.get_readonly_fields(request, verified_ente)
        response = model_admin.change_view(request, str(verified_ente.pk))
        html = response.render().content.decode()
        assert "Manca lo statuto aggiornato." in html
        assert "da <em>Verificato</em> a <em>Da verificare</em>" in html

    def test_add_form_has_no_timeline(self, superuser):
        model_admin = EnteAdmin(Ente, admin.site)
        request = admin_request(superuser)
        fieldsets = model_admin.get_fieldsets(request, None)
        assert all("cronologia" not in options["fields"] for _, options in fieldsets)
        assert "cronologia" not in model_admin.get_readonly_fields(request, None)

    def test_works_without_declared_fieldsets(self, superuser, verified_ente):
        class PlainAdmin(AuditTimelineMixin, admin.ModelAdmin):
            pass

        model_admin = PlainAdmin(Ente, admin.site)
        fieldsets = model_admin.get_fieldsets(admin_request(superuser), verified_ente)
        assert sum(list(options["fields"]).count("cronologia") for _, options in fieldsets) == 1
