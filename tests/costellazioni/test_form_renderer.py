"""The portal's form renderer writes the markup the widget templates write, for every widget it writes itself."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AdminDateWidget
from django.forms.renderers import TemplatesSetting
from django.utils import translation

from contributi.admin.candidature import CandidaturaAdmin
from contributi.models import Candidatura
from costellazioni.forms.renderers import PortalFormRenderer, widget_html

CHOICES = [("", "---------"), ("1", "Mestre <centro>"), ("2", "Lido & Pellestrina"), (3, 2026)]
GROUPED = [("Terraferma", [("a", "Carpenedo"), ("b", "Marghera")]), ("c", "Centro storico")]

WIDGETS = {
    "text": (forms.TextInput(attrs={"class": "form-control", "placeholder": 'Via "Piave"'}), "Ca' d'Oro <b>"),
    "empty text": (forms.TextInput(), None),
    "number": (forms.NumberInput(attrs={"min": 0, "step": Decimal("0.01")}), Decimal("1234.50")),
    "email": (forms.EmailInput(attrs={"required": True, "autofocus": False}), "info@bissuola.example.it"),
    "url": (forms.URLInput(), "https://example.it/?a=1&b=2"),
    "password": (forms.PasswordInput(render_value=True), "segreta&"),
    "hidden": (forms.HiddenInput(), 0),
    "date": (forms.DateInput(attrs={"type": "date"}), datetime.date(2027, 3, 1)),
    "datetime": (forms.DateTimeInput(), datetime.datetime(2027, 3, 1, 9, 30)),
    "time": (forms.TimeInput(), datetime.time(18, 45)),
    "search": (forms.SearchInput(), "orti"),
    "tel": (forms.TelInput(), "+39 041 274 1111"),
    "color": (forms.ColorInput(), "#0066cc"),
    "checkbox checked": (forms.CheckboxInput(attrs={"class": "action-select", "aria-label": "Scegli <1>"}), True),
    "checkbox unchecked": (forms.CheckboxInput(), False),
    "textarea": (forms.Textarea(attrs={"rows": 3}), "riga 1\nriga <2> & altro"),
    "empty textarea": (forms.Textarea(), ""),
    "select": (forms.Select(choices=CHOICES, attrs={"class": "form-select"}), "2"),
    "select with a number": (forms.Select(choices=CHOICES), 3),
    "grouped select": (forms.Select(choices=GROUPED), "b"),
    "select multiple": (forms.SelectMultiple(choices=CHOICES[1:]), ["1", "2"]),
    "null boolean": (forms.NullBooleanSelect(), None),
}


def rendered(renderer, widget, value) -> str:
    return widget.render("campo", value, attrs={"id": "id_campo"}, renderer=renderer)


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("name", list(WIDGETS))
def test_every_widget_written_here_matches_its_template(name, language):
    widget, value = WIDGETS[name]
    with translation.override(language):
        context = widget.get_context("campo", value, {"id": "id_campo"})
        assert widget_html(widget.template_name, context["widget"]) is not None, "not written here any more"
        assert rendered(PortalFormRenderer(), widget, value) == rendered(TemplatesSetting(), widget, value)


def test_the_empty_choice_reads_seleziona():
    html = rendered(PortalFormRenderer(), forms.Select(choices=CHOICES), "")
    assert '<option value="" selected>Seleziona…</option>' in html
    assert "Mestre &lt;centro&gt;" in html


def test_other_widgets_render_through_their_templates():
    widget = AdminDateWidget()
    assert widget_html(widget.template_name, widget.get_context("giorno", None, {})["widget"]) is None
    html = widget.render("giorno", datetime.date(2027, 3, 1), renderer=PortalFormRenderer())
    assert html == widget.render("giorno", datetime.date(2027, 3, 1), renderer=TemplatesSetting())
    assert 'class="vDateField"' in html


def test_the_admins_row_checkbox():
    """What a changelist draws once per row goes through the renderer the settings name."""
    model_admin = CandidaturaAdmin(Candidatura, admin.site)
    html = model_admin.action_checkbox(Candidatura(pk=7, titolo="Orti <condivisi>"))
    assert html.startswith(f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" value="7"')
    assert 'class="action-select"' in html
    assert "&lt;condivisi&gt;" in html and "<condivisi>" not in html
