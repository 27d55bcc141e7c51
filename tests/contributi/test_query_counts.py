"""Query counts pinned for the call pages and every wizard step: the same for 1 row as for many."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contributi import services
from contributi.models import AllegatoRichiesto, Bando, Candidatura, CriterioValutazione, DocumentoBando, FaqBando
from costellazioni.models import Quartiere
from tests.contributi.factories import PDF_BYTES, BandoFactory, referente
from tests.costellazioni.factories import StaffFactory

pytestmark = pytest.mark.django_db

ROWS = [1, 12]


def _publish(bando):
    Bando.objects.filter(pk=bando.pk).update(stato=Bando.Stato.PUBBLICATO, pubblicato_il=timezone.now())
    bando.refresh_from_db()
    return bando


def rich_bando(rows, **kwargs):
    """A published call with ``rows`` criteria, required attachments, documents, FAQ, amendments, quartieri."""
    bando = BandoFactory(criteri=False, **kwargs)
    for i in range(rows):
        CriterioValutazione.objects.create(bando=bando, codice=f"A.{i}", titolo=f"Criterio {i}", punteggio_massimo=5)
        AllegatoRichiesto.objects.create(bando=bando, nome=f"Documento {i}", obbligatorio=i % 2 == 0)
        FaqBando.objects.create(bando=bando, domanda=f"Domanda {i}?", risposta="Sì.")
        DocumentoBando.objects.create(bando=bando, titolo=f"Modulo {i}", file=ContentFile(PDF_BYTES, name="m.pdf"))
    bando.quartieri.set(Quartiere.objects.all()[:rows])
    bando.documento.save("bando.pdf", ContentFile(PDF_BYTES))
    _publish(bando)
    staff = StaffFactory()
    for i in range(rows):
        services.rettifica_publish(bando=bando, actor=staff, oggetto=f"Errata {i}", testo="Corretto un refuso.")
    return bando


@pytest.mark.parametrize("rows", ROWS)
def test_list_of_calls(client, django_assert_num_queries, rows):
    now = timezone.now()
    for i in range(rows):
        rich_bando(1, linea=Bando.Linea.A if i % 2 else Bando.Linea.B)
        rich_bando(1, apertura=now + timedelta(days=3), chiusura=now + timedelta(days=30))
        rich_bando(1, apertura=now - timedelta(days=30), chiusura=now - timedelta(days=1))
    # open, upcoming, closed (count and page)
    with django_assert_num_queries(4):
        response = client.get("/bandi/")
    assert response.status_code == 200
    with django_assert_num_queries(4):
        client.get("/bandi/", {"linea": "A", "page": "2"})


@pytest.mark.parametrize("rows", ROWS)
def test_detail_of_a_call(client, django_assert_num_queries, rows):
    bando = rich_bando(rows)
    with django_assert_num_queries(7):
        response = client.get(bando.get_absolute_url())
    content = response.content.decode()
    assert f"Criterio {rows - 1}" in content and f"Errata {rows - 1}" in content and f"Modulo {rows - 1}" in content


def _draft(rows):
    bando = rich_bando(rows)
    user, ente = referente()
    c = services.candidatura_start(bando=bando, ente=ente, actor=user)
    services.candidatura_save_progetto(
        candidatura=c,
        actor=user,
        titolo="Cucine di quartiere",
        progetto={"sintesi": "Pasti condivisi."},
        quartieri=list(bando.quartieri.all()),
        partner=[{"denominazione": f"Partner {i}", "ruolo": "Formazione"} for i in range(rows)],
    )
    services.candidatura_save_budget(
        candidatura=c,
        actor=user,
        cofinanziamento=Decimal("1000"),
        voci=[{"categoria": "servizi", "descrizione": f"Voce {i}", "importo": Decimal("1000")} for i in range(rows)],
    )
    for richiesto in bando.allegati_richiesti.all():
        services.allegato_upload(
            candidatura=c, actor=user, richiesto=richiesto, uploaded=SimpleUploadedFile("a.pdf", PDF_BYTES)
        )
    return c, user


# Every step: user, the draft with its call and ente, found among the applications of the enti the person represents
# (so no membership check after it; session and unread-messages badge come from the cache), the saved steps' own
# checks (call's quartieri, budget lines, total, mandatory attachments: 3
# queries here); then what the step itself reads (partners, budget lines, attachments, the checks before
# submitting, and on the summary the draft's content as it would be submitted).
WIZARD_QUERIES = {
    Candidatura.Passo.ENTE: 6,
    Candidatura.Passo.PROGETTO: 9,
    Candidatura.Passo.BUDGET: 8,
    Candidatura.Passo.IMPATTO: 6,
    Candidatura.Passo.ALLEGATI: 8,
    Candidatura.Passo.INVIO: 16,
}


@pytest.mark.parametrize("rows", ROWS)
@pytest.mark.parametrize("passo", list(Candidatura.Passo))
def test_wizard_step(client, django_assert_num_queries, rows, passo):
    c, user = _draft(rows)
    client.force_login(user)
    url = reverse("contributi:passo", kwargs={"slug": c.bando.slug, "pk": c.pk, "passo": passo})
    with django_assert_num_queries(WIZARD_QUERIES[passo]):
        response = client.get(url)
    assert response.status_code == 200
