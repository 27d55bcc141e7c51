"""The footer's help links (FAQ, disservice report, improvement plan, legal notes) and the disservice report."""

import re

import pytest
from django.urls import reverse

from costellazioni.models import SegnalazioneDisservizio
from costellazioni.views.pages import DISSERVIZI_PER_ORA
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db

# The wording the national model asks for, word by word (modello Comuni, "Licenza e attribuzione").
LICENCE = (
    "In applicazione del principio open by default ai sensi dell’articolo 52 del decreto legislativo 7 marzo 2005, "
    "n. 82 (CAD) e salvo dove diversamente specificato (compresi i contenuti incorporati di terzi), i dati, i "
    "documenti e le informazioni pubblicati sul sito sono rilasciati con licenza CC-BY 4.0. Gli utenti sono quindi "
    "liberi di condividere (riprodurre, distribuire, comunicare al pubblico, esporre in pubblico), rappresentare, "
    "eseguire e recitare questo materiale con qualsiasi mezzo e formato e modificare (trasformare il materiale e "
    "utilizzarlo per opere derivate) per qualsiasi fine, anche commerciale con il solo onere di attribuzione, senza "
    "apporre restrizioni aggiuntive."
)
VALID = {
    "pagina": "HUB Bissuola, prenotazione",
    "descrizione": "Il calendario non si carica.",
    "nome": "",
    "email": "luisa@posta.example",
    "privacy": "on",
}


def _footer(client):
    html = client.get("/").content.decode()
    return html[html.index('<footer class="it-footer"') :]


def _link(footer, data_element):
    match = re.search(rf'<a href="([^"]+)" data-element="{data_element}">([^<]+)</a>', footer)
    assert match, f"no {data_element} link in the footer"
    return match.group(1), match.group(2)


class TestFooter:
    @pytest.mark.parametrize(
        ("data_element", "label"),
        [("faq", "Domande frequenti"), ("report-inefficiency", "Segnala disservizio"), ("legal-notes", "Note legali")],
    )
    def test_help_links_are_in_the_footer_and_open(self, client, data_element, label):
        url, text = _link(_footer(client), data_element)
        assert text == label
        assert client.get(url).status_code == 200

    def test_the_disservice_report_is_a_service_of_the_portal(self, client):
        url, _label = _link(_footer(client), "report-inefficiency")
        assert url.startswith("/servizi/")

    def test_the_improvement_plan_is_linked_from_the_footer(self, client):
        footer = _footer(client)
        assert re.search(r"piano di miglioramento del sito", footer, re.IGNORECASE)
        assert client.get(reverse("piano_di_miglioramento")).status_code == 200

    def test_legal_notes_carry_the_licence_in_the_model_wording(self, client):
        html = client.get(reverse("note_legali")).content.decode()
        section = re.search(r'data-element="legal-notes-section">([^<]+)<', html).group(1)
        body = re.search(r'data-element="legal-notes-body">(.*?)</p>', html, re.DOTALL).group(1)
        assert section.strip() == "Licenza dei contenuti"
        assert " ".join(body.split()) == LICENCE

    def test_the_faq_answers_real_questions(self, client):
        html = client.get(reverse("domande_frequenti")).content.decode()
        assert html.count("<summary>") >= 8
        assert "Come prenoto una sala in un HUB?" in html


class TestSegnalaDisservizio:
    def test_a_report_is_saved_and_thanked(self, client):
        response = client.post(reverse("segnala_disservizio"), VALID)
        assert response.status_code == 201
        assert "Grazie per la segnalazione" in response.content.decode()
        segnalazione = SegnalazioneDisservizio.objects.get()
        assert (segnalazione.email, segnalazione.descrizione, segnalazione.autore) == (
            "luisa@posta.example",
            "Il calendario non si carica.",
            None,
        )

    def test_a_signed_in_reporter_is_remembered_and_their_email_proposed(self, client):
        user = UserFactory(email="marta@posta.example")
        client.force_login(user)
        assert 'value="marta@posta.example"' in client.get(reverse("segnala_disservizio")).content.decode()
        client.post(reverse("segnala_disservizio"), VALID)
        assert SegnalazioneDisservizio.objects.get().autore == user

    def test_bad_input_is_explained_next_to_the_field_and_kept(self, client):
        response = client.post(reverse("segnala_disservizio"), {**VALID, "email": "luisa", "descrizione": ""})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Descrivi che cosa non ha funzionato." in html
        assert "Scrivi un indirizzo e-mail valido" in html
        assert 'value="HUB Bissuola, prenotazione"' in html
        assert not SegnalazioneDisservizio.objects.exists()

    def test_the_privacy_notice_must_be_acknowledged(self, client):
        response = client.post(reverse("segnala_disservizio"), {**VALID, "privacy": ""})
        assert response.status_code == 400
        assert "conferma di aver letto l&#x27;informativa privacy" in response.content.decode()

    def test_the_hourly_limit_counts_accepted_reports_and_keeps_what_was_typed(self, client):
        for _n in range(3):
            client.post(reverse("segnala_disservizio"), {**VALID, "email": "sbagliata"})
        for _n in range(DISSERVIZI_PER_ORA):
            assert client.post(reverse("segnala_disservizio"), VALID).status_code == 201
        response = client.post(reverse("segnala_disservizio"), {**VALID, "descrizione": "Ancora un problema."})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Hai inviato molte segnalazioni nell&#x27;ultima ora" in html
        assert "Ancora un problema." in html
        assert SegnalazioneDisservizio.objects.count() == DISSERVIZI_PER_ORA


class TestAdmin:
    def test_staff_mark_reports_handled_from_the_list(self, client, staff_user):
        segnalazione = SegnalazioneDisservizio.objects.create(descrizione="Pagina bianca", email="a@posta.example")
        client.force_login(staff_user)
        changelist = reverse("admin:costellazioni_segnalazionedisservizio_changelist")
        assert client.get(changelist + "?gestita=no").status_code == 200
        response = client.post(
            changelist, {"action": "segna_gestite", "_selected_action": [segnalazione.pk]}, follow=True
        )
        assert "1 segnalazione segnata come gestita." in [str(m) for m in response.context["messages"]]
        segnalazione.refresh_from_db()
        assert segnalazione.gestita_il is not None

    def test_citizens_cannot_mark_reports_handled(self):
        from django.core.exceptions import PermissionDenied

        from costellazioni.services.disservizi import disservizio_mark_handled

        SegnalazioneDisservizio.objects.create(descrizione="Pagina bianca", email="a@posta.example")
        with pytest.raises(PermissionDenied, match="Solo lo staff comunale"):
            disservizio_mark_handled(segnalazioni=SegnalazioneDisservizio.objects.all(), actor=UserFactory())
        assert SegnalazioneDisservizio.objects.filter(gestita_il__isnull=True).count() == 1
