"""The board member's pages: assigned applications, the declaration, the scoring form, attachments."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contributi import services
from contributi.models import Allegato, Candidatura, Valutazione
from tests.contributi.factories import (
    PDF_BYTES,
    SubmittedCandidaturaFactory,
    board,
    closed_bando,
    in_valutazione,
    referente,
    score,
)

pytestmark = pytest.mark.django_db
S = Candidatura.Stato


def _allegato(candidatura, user):
    return Allegato.objects.create(
        candidatura=candidatura,
        file=SimpleUploadedFile("statuto.pdf", PDF_BYTES),
        nome_originale="statuto.pdf",
        content_type="application/pdf",
        dimensione=len(PDF_BYTES),
        sha256="0" * 64,
        caricato_da=user,
    )


@pytest.fixture
def evaluation(staff_user):
    bando = closed_bando()
    a, b = board(bando, size=2)
    user, ente = referente()
    c = in_valutazione(
        SubmittedCandidaturaFactory(bando=bando, ente=ente), staff=staff_user, membri=[a, b], declare=False
    )
    return c, a, b, user


class TestEvaluatorPages:
    def test_list_shows_only_assigned_and_not_conflicted(self, client, evaluation, staff_user):
        c, a, b, _user = evaluation
        other = SubmittedCandidaturaFactory(bando=c.bando, titolo="Non assegnata")
        in_valutazione(other, staff=staff_user, membri=[b])
        services.conflitto_declare(candidatura=c, actor=b.utente, conflitto=True, nota="Socio.")
        client.force_login(a.utente)
        page = client.get("/area-personale/valutazioni/").content.decode()
        assert c.titolo in page and "Non assegnata" not in page
        client.force_login(b.utente)
        page = client.get("/area-personale/valutazioni/").content.decode()
        assert "Non assegnata" in page and "Da valutare" in page and c.titolo not in page
        assert client.get(f"/area-personale/valutazioni/{c.pk}/").status_code == 404  # conflicted
        client.force_login(a.utente)
        assert client.get(f"/area-personale/valutazioni/{other.pk}/").status_code == 404  # unassigned

    def test_declaration_first_then_scoring(self, client, evaluation):
        c, a, _b, _user = evaluation
        client.force_login(a.utente)
        url = f"/area-personale/valutazioni/{c.pk}/"
        page = client.get(url).content.decode()
        assert "conflitto di interessi" in page and "punti_" not in page
        response = client.post(url, {"dichiara": "1", "conflitto": "no"})
        assert response.status_code == 302
        page = client.get(url).content.decode()
        assert "punti_" in page and "Pasti condivisi" in page
        criteri = list(c.bando.criteri.all())
        data = {"punteggi": "invia", "scheda": "mia", "commento": "Buono."}
        data |= {f"punti_{cr.pk}": "30" for cr in criteri} | {f"commento_{cr.pk}": "Ok" for cr in criteri}
        asked = client.post(url, data)
        # Sending cannot be undone: a page names the consequences; the scores wait as a draft meanwhile.
        assert asked.status_code == 200 and "invio non può essere annullato" in asked.content.decode()
        assert not Valutazione.objects.get(membro=a, candidatura=c).is_submitted
        response = client.post(url, data | {"conferma": "1"})
        assert response.status_code == 302
        assert Valutazione.objects.get(membro=a, candidatura=c).totale == Decimal("60")
        assert Valutazione.objects.get(membro=a, candidatura=c).is_submitted

    def test_points_out_of_range_are_shown_next_to_the_field(self, client, evaluation):
        c, a, _b, _user = evaluation
        services.conflitto_declare(candidatura=c, actor=a.utente, conflitto=False)
        client.force_login(a.utente)
        criterio = c.bando.criteri.get(codice="A.1")
        response = client.post(
            f"/area-personale/valutazioni/{c.pk}/", {"punteggi": "salva", "scheda": "mia", f"punti_{criterio.pk}": "99"}
        )
        assert response.status_code == 200
        assert "invalid-feedback" in response.content.decode()

    def test_others_scores_only_after_own_submission(self, client, evaluation):
        c, a, b, _user = evaluation
        for m in (a, b):
            services.conflitto_declare(candidatura=c, actor=m.utente, conflitto=False)
        score(c, a, [33, 51])
        client.force_login(b.utente)
        page = client.get(f"/area-personale/valutazioni/{c.pk}/").content.decode()
        assert "33,00/40" not in page
        score(c, b, [20, 20])
        page = client.get(f"/area-personale/valutazioni/{c.pk}/").content.decode()
        assert "33,00/40" in page and "totale 84" in page

    def test_attachments_for_assigned_members_only(self, client, evaluation):
        c, a, b, user = evaluation
        allegato = _allegato(c, user)
        url = reverse("contributi:allegato", kwargs={"pk": allegato.pk})
        services.conflitto_declare(candidatura=c, actor=b.utente, conflitto=True, nota="Socio.")
        client.force_login(a.utente)
        assert client.get(url).status_code == 200
        client.force_login(b.utente)
        assert client.get(url).status_code == 404
        outsider = board(c.bando, size=1, presidente=False)[0]
        client.force_login(outsider.utente)
        assert client.get(url).status_code == 404

    def test_evaluator_does_not_reach_the_applicants_page(self, client, evaluation):
        c, a, _b, _user = evaluation
        client.force_login(a.utente)
        assert client.get(c.get_absolute_url()).status_code == 404

    def test_the_applicant_timeline_hides_the_boards_inner_work(self, client, evaluation):
        c, a, b, user = evaluation
        # Names no other person of the test can have (random names may repeat the applicant's own).
        for membro, cognome in [(a, "Commissaria-Alfa"), (b, "Commissario-Beta")]:
            type(membro.utente).objects.filter(pk=membro.utente_id).update(last_name=cognome)
        services.conflitto_declare(candidatura=c, actor=b.utente, conflitto=True, nota="Cugino del presidente.")
        services.conflitto_declare(candidatura=c, actor=a.utente, conflitto=False)
        score(c, a, [30, 30])
        client.force_login(user)
        page = client.get(c.get_absolute_url()).content.decode()
        assert "Valutazione avviata" in page
        assert "Cugino" not in page and "Conflitto di interessi" not in page and "Scheda di valutazione" not in page
        assert "Commissaria-Alfa" not in page and "Commissario-Beta" not in page

    @pytest.mark.parametrize("rows", [1, 30])
    def test_list_query_count_is_fixed(self, client, staff_user, django_assert_num_queries, rows):
        bando = closed_bando()
        (membro,) = board(bando, size=1)
        for _ in range(rows):
            in_valutazione(SubmittedCandidaturaFactory(bando=bando), staff=staff_user, membri=[membro])
        client.force_login(membro.utente)
        with django_assert_num_queries(4):  # the session from the cache
            assert client.get("/area-personale/valutazioni/").status_code == 200
