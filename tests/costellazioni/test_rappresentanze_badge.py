"""A membership's state on the area personale: a badge whose text is the state, in the page's language."""

import pytest

from costellazioni.models import Membership
from tests.costellazioni.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

BADGES = {
    Membership.Stato.VERIFICATA: '<span class="badge bg-success">{}</span>',
    Membership.Stato.RICHIESTA: '<span class="badge bg-primary">{}</span>',
    Membership.Stato.RESPINTA: '<span class="badge bg-danger">{}</span>',
    Membership.Stato.REVOCATA: '<span class="badge bg-secondary">{}</span>',
}


@pytest.mark.parametrize("path", ["/area-personale/", "/area-personale/enti/"])
def test_each_state_has_its_badge(client, path):
    user = UserFactory()
    MembershipFactory(user=user, verified=True)
    for stato in (Membership.Stato.RICHIESTA, Membership.Stato.RESPINTA, Membership.Stato.REVOCATA):
        MembershipFactory(user=user, stato=stato)
    client.force_login(user)
    content = client.get(path).content.decode()
    for stato, badge in BADGES.items():
        assert badge.format(Membership.Stato(stato).label) in content
    client.cookies["django_language"] = "en"
    english = client.get(path).content.decode()
    assert '<span class="badge bg-primary">Requested</span>' in english
