"""Needs categories as a taxonomy kept by staff: seeded by migration, chosen only while active."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from antenne.forms import BisognoRapidoForm
from ricerca import services
from ricerca.forms import SegnalaBisognoForm
from ricerca.models import Bisogno, CategoriaBisogno
from tests.ricerca.factories import BisognoFactory, categoria_bisogno

pytestmark = pytest.mark.django_db
SEGNALA = "/bisogni/segnala/"


def segnalazione(**extra):
    return {"categoria": "spazi", "descrizione": "Manca un posto dove studiare", "urgenza": "bassa", **extra}


def test_the_migration_seeds_the_former_fixed_choices_in_their_order():
    assert list(CategoriaBisogno.objects.values_list("slug", flat=True)) == [
        "solitudine",
        "casa",
        "lavoro",
        "salute",
        "famiglia",
        "mobilita",
        "istruzione",
        "digitale",
        "spazi",
        "altro",
    ]
    assert CategoriaBisogno.objects.get(slug="casa").nome == "Casa e abitare"


def test_an_inactive_category_cannot_be_chosen_on_the_public_form(client):
    CategoriaBisogno.objects.filter(slug="spazi").update(attiva=False)
    pagina = client.get(SEGNALA).content.decode()
    assert 'value="spazi"' not in pagina and 'value="casa"' in pagina
    response = client.post(SEGNALA, segnalazione())
    assert response.status_code == 200
    assert "Scegli una delle categorie dell&#x27;elenco." in response.content.decode()
    assert "Manca un posto dove studiare" in response.content.decode()  # what the person wrote is kept
    assert not Bisogno.objects.exists()


def test_an_inactive_category_is_refused_by_the_service_and_the_operators_form():
    vecchia = categoria_bisogno("vecchia", attiva=False)
    with pytest.raises(ValidationError, match="non è più in uso"):
        services.bisogno_report(categoria=vecchia, descrizione="Umidità", quartiere=None)
    form = BisognoRapidoForm(data={"categoria": "vecchia", "descrizione": "Umidità", "urgenza": "media"})
    assert not form.is_valid() and form.errors["categoria"] == ["Scegli una delle categorie dell'elenco."]


def test_old_needs_keep_a_category_that_is_retired(client, staff_user):
    bisogno = BisognoFactory(categoria="spazi")
    CategoriaBisogno.objects.filter(slug="spazi").update(attiva=False)
    client.force_login(staff_user)
    assert (
        "Spazi e vivibilità del quartiere" in client.get(reverse("ricerca:bisogno", args=[bisogno.pk])).content.decode()
    )
    assert "Spazi e vivibilità del quartiere" in client.get(reverse("ricerca_azione:index")).content.decode()


def test_staff_add_a_category_in_the_admin_and_it_reaches_the_form_the_counts_and_the_open_data(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/admin/ricerca/categoriabisogno/add/",
        {
            "nome": "Spesa e povertà alimentare",
            "slug": "spesa",
            "descrizione": "Empori solidali",
            "attiva": "on",
            "ordine": 95,
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    client.logout()
    assert "Spesa e povertà alimentare" in client.get(SEGNALA).content.decode()
    assert client.post(SEGNALA, segnalazione(categoria="spesa")).status_code == 302
    assert Bisogno.objects.get().categoria.nome == "Spesa e povertà alimentare"
    indice = client.get(reverse("ricerca_azione:index"))
    assert ("Spesa e povertà alimentare", 1) in indice.context["per_categoria"]
    righe = list(csv.DictReader(io.StringIO(client.get(reverse("ricerca_azione:bisogni_csv")).content.decode())))
    assert [(r["categoria"], r["categoria_codice"], r["numero"]) for r in righe] == [
        ("Spesa e povertà alimentare", "spesa", "1")
    ]


def test_the_code_of_a_category_cannot_be_changed_nor_a_used_category_deleted(client, staff_user):
    categoria = BisognoFactory(categoria="casa").categoria
    client.force_login(staff_user)
    url = f"/admin/ricerca/categoriabisogno/{categoria.pk}/change/"
    assert 'name="slug"' not in client.get(url).content.decode()
    response = client.post(url, {"nome": "Casa", "slug": "abitare", "descrizione": "", "ordine": 1})
    assert response.status_code == 302
    categoria.refresh_from_db()
    assert (categoria.nome, categoria.slug, categoria.attiva) == ("Casa", "casa", False)
    with pytest.raises(ProtectedError, match="protected foreign keys"):
        categoria.delete()


def test_the_public_form_lists_active_categories_in_the_staff_order():
    categoria_bisogno("spesa", nome="Spesa", ordine=1)
    scelte = [str(valore) for valore, _etichetta in SegnalaBisognoForm().fields["categoria"].choices if valore]
    assert scelte[:2] == ["spesa", "solitudine"]


def test_staff_filter_needs_by_category(client, staff_user):
    BisognoFactory(categoria="casa", descrizione="Muffa sui muri")
    BisognoFactory(categoria="lavoro", descrizione="Cerca lavoro")
    client.force_login(staff_user)
    testo = client.get(reverse("ricerca:bisogni"), {"categoria": "casa"}).content.decode()
    assert "Muffa sui muri" in testo and "Cerca lavoro" not in testo


def test_the_data_migration_keeps_every_need_under_a_category_even_an_unknown_code():
    import importlib

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("ricerca.migrations.0006_categoria_bisogno_taxonomy")
    casa, ignota = BisognoFactory(categoria="casa"), BisognoFactory(categoria="casa")
    # The foreign key is checked at commit: a code the old choices never had stands in for legacy rows.
    Bisogno.objects.filter(pk=ignota.pk).update(categoria_id="orti-urbani")
    migration.seed(apps, None)
    migration.seed(apps, None)  # a second run changes nothing
    connection.check_constraints()
    nuova = CategoriaBisogno.objects.get(slug="orti-urbani")
    assert (nuova.nome, nuova.attiva) == ("Orti-urbani", False)
    assert Bisogno.objects.get(pk=casa.pk).categoria.nome == "Casa e abitare"
    assert CategoriaBisogno.objects.count() == 11
