import pytest
from django.core.exceptions import ValidationError

from costellazioni.models import EventoAudit
from costellazioni.services.users import user_update_profile
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_update_saves_the_fields():
    user = UserFactory()
    user_update_profile(user=user, first_name="Ilaria", telefono="041 000 1111")
    user.refresh_from_db()
    assert (user.first_name, user.telefono) == ("Ilaria", "041 000 1111")
    assert not EventoAudit.objects.exists()


def test_a_new_codice_fiscale_is_recorded_without_its_value():
    user = UserFactory()
    user_update_profile(user=user, codice_fiscale="RSSMRA85T10A562S")
    event = EventoAudit.objects.for_object(user).get()
    assert event.nota == "Codice fiscale aggiunto"
    assert "RSSMRA" not in event.nota + event.oggetto_repr


def test_an_invalid_codice_fiscale_is_refused_and_nothing_is_saved():
    user = UserFactory(first_name="Ilaria")
    with pytest.raises(ValidationError) as error:
        user_update_profile(user=user, first_name="Changed", codice_fiscale="RSSMRA85T10A562T")
    assert "codice_fiscale" in error.value.message_dict
    user.refresh_from_db()
    assert user.first_name == "Ilaria"


def test_only_profile_fields_may_be_changed():
    with pytest.raises(TypeError, match=r"Not profile fields: \['is_staff'\]"):
        user_update_profile(user=UserFactory(), is_staff=True)
