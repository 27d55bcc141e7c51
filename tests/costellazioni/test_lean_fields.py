"""The portal's field template writes the markup crispy-bootstrap5's chain of templates writes, for every widget."""

import re

import pytest
from django import forms
from django.template import Context, engines

from costellazioni.templatetags.lean_fields import FIELD_TEMPLATE, _crispy_template, render_field

QUARTIERI = [("", "---------"), ("1", "Mestre <centro>"), ("2", "Lido & Pellestrina")]


class EveryWidgetForm(forms.Form):
    nome = forms.CharField(label="Nome", help_text="Come compare <em>nei documenti</em>.")
    facoltativo = forms.CharField(label="Facoltativo", required=False, max_length=20)
    descrizione = forms.CharField(label="Descrizione", widget=forms.Textarea, required=False)
    quantita = forms.IntegerField(label="Quantità", min_value=1)
    importo = forms.DecimalField(label="Importo", required=False, localize=True, decimal_places=2)
    email = forms.EmailField(label="E-mail", required=False)
    sito = forms.URLField(label="Sito", required=False)
    data = forms.DateField(label="Data", widget=forms.DateInput(attrs={"type": "date"}))
    quartiere = forms.ChoiceField(label="Quartiere", choices=QUARTIERI)
    gruppi = forms.ChoiceField(
        label="Gruppo", required=False, choices=[("Terraferma", [("a", "A"), ("b", "B")]), ("c", "C")]
    )
    piu = forms.MultipleChoiceField(label="Più scelte", choices=QUARTIERI[1:], required=False)
    accetto = forms.BooleanField(label="Accetto le condizioni", help_text="Leggile prima.")
    newsletter = forms.BooleanField(label="Newsletter", required=False)
    tipo = forms.ChoiceField(label="Tipo", choices=[("x", "Ics"), ("y", "Ipsilon")], widget=forms.RadioSelect)
    quartieri = forms.MultipleChoiceField(
        label="Quartieri", choices=QUARTIERI[1:], widget=forms.CheckboxSelectMultiple, help_text="Uno o più."
    )
    bloccato = forms.CharField(label="Bloccato", disabled=True, required=False, initial="fisso")
    nascosto = forms.CharField(widget=forms.HiddenInput, required=False)
    classi = forms.CharField(label="Con classe", required=False, widget=forms.TextInput(attrs={"class": "w-50"}))

    def clean(self):
        raise forms.ValidationError("Errore del modulo.")


BOUND = {
    "nome": "Ada <b>",
    "quantita": "0",
    "importo": "12.5",
    "data": "2026-02-30",
    "quartiere": "2",
    "gruppi": "b",
    "piu": ["1", "2"],
    "tipo": "y",
    "quartieri": ["1"],
    "email": "non-una-email",
    "newsletter": "on",
    "descrizione": "riga 1\nriga <2>",
}


def normalized(html: str) -> str:
    html = re.sub(r"\s+", " ", str(html)).strip()
    return re.sub(r"\s*([<>])\s*", r"\1", html)


def crispy_original(field) -> str:
    engine = engines["django"].engine
    context = {"field": field, "form_show_errors": True, "form_show_labels": True, "label_class": "", "field_class": ""}
    return _crispy_template(engine, FIELD_TEMPLATE).render(Context(context))


@pytest.mark.parametrize("data", [None, BOUND], ids=["unbound", "bound-with-errors"])
@pytest.mark.parametrize("name", list(EveryWidgetForm.base_fields))
def test_every_widget_renders_as_crispy_does(name, data):
    # Two forms: crispy's template adds classes to the widget it renders, the lean renderer must do the same.
    expected = crispy_original(EveryWidgetForm(data, initial={"nome": "Iniziale"})[name])
    lean = render_field(EveryWidgetForm(data, initial={"nome": "Iniziale"})[name])
    assert normalized(lean) == normalized(expected)


def test_errors_are_next_to_the_field_and_described_by_it():
    form = EveryWidgetForm(BOUND)
    html = render_field(form["quantita"])
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_quantita_error"' in html
    assert '<div id="id_quantita_error" class="invalid-feedback"><p id="error_1_id_quantita">' in html


def test_labels_and_values_are_escaped():
    html = render_field(EveryWidgetForm(BOUND)["quartiere"]) + render_field(EveryWidgetForm(BOUND)["nome"])
    assert "Mestre &lt;centro&gt;" in html
    assert 'value="Ada &lt;b&gt;"' in html
    assert "<b>" not in html


def test_the_crispy_filter_renders_the_whole_form_through_the_lean_template():
    template = engines["django"].from_string("{% load crispy_forms_tags %}{{ form|crispy }}")
    html = template.render({"form": EveryWidgetForm(BOUND)})
    assert "Errore del modulo." in html
    assert "Seleziona…" in html
    assert html.count('class="invalid-feedback"') == 4


@pytest.mark.parametrize("data", [None, BOUND], ids=["unbound", "bound-with-errors"])
def test_a_whole_form_is_the_text_crispys_uni_form_writes(data):
    engine = engines["django"].engine
    context = {"form_show_errors": True, "form_show_labels": True, "label_class": "", "field_class": ""}
    context["field_template"] = "bootstrap5/field.html"
    crispy = _crispy_template(engine, "bootstrap5/uni_form.html")
    expected = crispy.render(Context({**context, "form": EveryWidgetForm(data, initial={"nome": "Iniziale"})}))
    lean = engine.get_template("bootstrap5/uni_form.html")
    assert lean.render(Context({**context, "form": EveryWidgetForm(data, initial={"nome": "Iniziale"})})) == expected


def test_a_field_with_its_hidden_initial_value_goes_to_crispys_template():
    class WithInitial(forms.Form):
        nome = forms.CharField(label="Nome", show_hidden_initial=True, initial="Ada")

    template = engines["django"].from_string("{% load crispy_forms_tags %}{{ form.nome|as_crispy_field }}")
    html = template.render({"form": WithInitial()})
    assert 'name="initial-nome"' in html
    assert normalized(html) == normalized(crispy_original(WithInitial()["nome"]))


def test_a_horizontal_layout_goes_to_crispys_template():
    template = engines["django"].from_string("{% load crispy_forms_tags %}{{ form.nome|as_crispy_field:'bootstrap5' }}")
    lean = template.render({"form": EveryWidgetForm()})
    horizontal = engines["django"].from_string(
        "{% load crispy_forms_filters %}{% with form_class='form-horizontal' %}{% include 'bootstrap5/field.html' "
        "with field=form.nome form_show_labels=True form_class='form-horizontal' %}{% endwith %}"
    )
    assert 'class="mb-3 row"' in horizontal.render({"form": EveryWidgetForm()})
    assert 'class="mb-3 row"' not in lean
