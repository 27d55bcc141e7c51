"""crispy-bootstrap5's ``field.html`` for the portal's forms, in Python.

The portal renders every form with ``|crispy`` or ``|as_crispy_field`` and their default context (vertical layout,
labels and errors shown). crispy's chain renders a field through about a dozen templates and filters (the field,
its help text and errors, the widget and its attributes); here the same markup is written in one pass for the
widgets the portal uses: text-like inputs, textarea, select, checkbox, radio and checkbox lists. Anything else (a
file input, a multi-widget, a horizontal layout, a helper's options) goes to crispy's own template, unchanged.

Same markup as crispy's, attribute for attribute: the label (with its asterisk) before the control, the error
paragraphs after it with the ids ``aria-describedby`` points at, the help text last.
"""

from functools import cache

from crispy_forms.templatetags.crispy_forms_utils import remove_spaces
from django import forms, template
from django.templatetags.l10n import unlocalize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from costellazioni.forms.renderers import INPUT_TEMPLATES, SELECT_TEMPLATE, TEXTAREA_TEMPLATE
from costellazioni.forms.renderers import attrs_html as _attrs
from costellazioni.forms.renderers import escape as _e

register = template.Library()

FIELD_TEMPLATE = "bootstrap5/field.html"
UNI_FORM_TEMPLATE = "bootstrap5/uni_form.html"
ERRORS_TEMPLATE = "bootstrap5/errors.html"

# Context that only a helper or a filter's arguments set: with any of them, crispy's template renders the field.
LAYOUT_OPTIONS = ("tag", "wrapper_class", "label_class", "field_class", "form_class", "help_text_inline")
LAYOUT_OPTIONS += ("error_text_inline",)


def _add_classes(field, classes: str) -> None:
    """crispy's ``{% crispy_field field 'class' classes %}``: the widget keeps its classes, gains these and its
    own lowercase class name."""
    widget = field.field.widget
    class_name = widget.__class__.__name__.lower()
    css_class = widget.attrs.get("class", "")
    if css_class:
        if css_class.find(class_name) == -1:
            css_class += f" {class_name}"
    else:
        css_class = class_name
    for extra in classes.split():
        if extra not in css_class.split():
            css_class += f" {extra}"
    widget.attrs["class"] = css_class


def _errors(field, show_errors: bool) -> str:
    """crispy's ``layout/field_errors_block.html``."""
    if not (show_errors and field.errors):
        return ""
    auto_id = _e(field.auto_id)
    paragraphs = "".join(
        f'<p id="error_{number}_{auto_id}"><strong>{_e(error)}</strong></p>'
        for number, error in enumerate(field.errors, start=1)
    )
    return f'<div id="{_e(field.errors.field_id)}_error" class="invalid-feedback">{paragraphs}</div>'


def _help_text(field) -> str:
    """crispy's ``layout/help_text.html``: the help text is the form's own HTML (``|safe`` there too)."""
    if not field.help_text:
        return ""
    id_attr = f'id="{_e(field.auto_id)}_helptext" ' if field.auto_id else ""
    return f'<div {id_attr}class="form-text">{field.help_text}</div>'


def _asterisk(field) -> str:
    return '<span class="asteriskField">*</span>' if field.field.required else ""


def _choices(field, show_errors: bool) -> str:
    """The portal's ``bootstrap5/layout/radio_checkbox_select.html``: one ``form-check`` per option."""
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    attrs = field.build_widget_attrs({"id": id_} if id_ else {})
    groups = widget.optgroups(field.html_name, widget.format_value(field.value()), attrs)
    invalid = " is-invalid" if field.errors else ""
    html_name = _e(field.html_name)
    parts = ["<div >"]
    for group_number, (group, options, _index) in enumerate(groups, start=1):
        if group:
            parts.append(f"<strong>{_e(group)}</strong>")
        for number, option in enumerate(options, start=1):
            last = number == len(options) and group_number == len(groups)
            parts.append(
                f'<div class="form-check"><input type="{_e(option["type"])}" class="form-check-input{invalid}"'
                f'  name="{html_name}" value="{_e(unlocalize(option["value"]))}" {_attrs(option["attrs"])}>'
                f'<label for="{_e(option["attrs"].get("id", ""))}" class="form-check-label">'
                f"{_e(unlocalize(option['label']))}</label>"
                f"{_errors(field, show_errors) if last else ''}</div>"
            )
    parts.append("</div>")
    parts.append(_help_text(field))
    return "".join(parts)


def _css(field) -> str:
    css = field.css_classes()
    return f" {_e(css)}" if css else ""


def _checkbox(field, show_errors: bool) -> str:
    _add_classes(field, "form-check-input is-invalid" if field.errors else "form-check-input")
    required = " requiredField" if field.field.required else ""
    return (
        f'<div class="mb-3"><div id="div_{_e(field.auto_id)}" class="form-check{_css(field)}">'
        f"{field.as_widget()}"
        f'<label for="{_e(field.id_for_label)}" class="form-check-label{required}">'
        f"{_e(field.label)}{_asterisk(field)}</label>"
        f"{_errors(field, show_errors)}{_help_text(field)}</div></div>"
    )


def _label(field) -> tuple[str, str]:
    """The label (a legend in a fieldset for a list of choices) and what closes it."""
    if not field.label:
        return "", ""
    fieldset = field.use_fieldset
    tag = "legend" if fieldset else "label"
    for_attr = f'for="{_e(field.id_for_label)}" ' if field.id_for_label else ""
    classes = "form-label" + (" requiredField" if field.field.required else "") + (" fs-6" if fieldset else "")
    label = f'<{tag} {for_attr}class="{classes}">{_e(field.label)}{_asterisk(field)}</{tag}>'
    if not fieldset:
        return label, ""
    described = f' aria-describedby="{_e(field.aria_describedby)}"' if field.aria_describedby else ""
    return f"<fieldset{described}>{label}", "</fieldset>"


def _control(field, show_errors: bool) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple is one too
        return _choices(field, show_errors)
    if isinstance(widget, forms.Select):
        _add_classes(field, "form-select is-invalid" if field.errors else "form-select")
    else:
        _add_classes(field, "form-control is-invalid" if field.errors else "form-control")
    return f"{field.as_widget()}{_errors(field, show_errors)}{_help_text(field)}"


def _handled(field, context) -> bool:
    widget = field.field.widget
    if any(context.get(option) for option in LAYOUT_OPTIONS) or not context.get("form_show_labels"):
        return False
    if isinstance(widget, forms.FileInput | forms.MultiWidget) or hasattr(widget, "widget"):
        return False
    if field.field.show_hidden_initial:  # str(field) adds the hidden initial value after the widget
        return False
    if isinstance(widget, forms.RadioSelect):
        return True
    return widget.template_name in INPUT_TEMPLATES or widget.template_name in (TEXTAREA_TEMPLATE, SELECT_TEMPLATE)


def render_field(field, *, show_errors: bool = True) -> SafeString:
    """One field as crispy-bootstrap5 renders it in a vertical form."""
    if field.is_hidden:
        return mark_safe(str(field))
    if isinstance(field.field.widget, forms.CheckboxInput):
        return mark_safe(_checkbox(field, show_errors))
    label, close = _label(field)
    control = _control(field, show_errors)
    return mark_safe(f'<div id="div_{_e(field.auto_id)}" class="mb-3{_css(field)}">{label}{control}{close}</div>')


@cache
def _crispy_template(engine, name: str):
    """crispy-bootstrap5's own template ``name``, which the portal's (calling these tags) shadows."""
    own = engine.find_template(name)[1]
    return engine.find_template(name, skip=[own])[0]


@register.simple_tag(takes_context=True)
def lean_field(context):
    field = context["field"]
    if field.is_hidden or _handled(field, context):
        return render_field(field, show_errors=bool(context.get("form_show_errors")))
    return _crispy_template(context.template.engine, FIELD_TEMPLATE).render(context)


@register.simple_tag(takes_context=True)
def lean_form(context):
    """crispy-bootstrap5's ``uni_form.html`` (``{{ form|crispy }}``): the form's errors, then each field as
    ``lean_field`` writes it, without an include per field; the same text, spaces squeezed as crispy's
    ``specialspaceless`` does. Another field template (a helper's) goes to crispy's own ``uni_form.html``."""
    if context.get("field_template") != FIELD_TEMPLATE:
        return _crispy_template(context.template.engine, UNI_FORM_TEMPLATE).render(context)
    form = context["form"]
    parts = ["\n    ", conditional_escape(form.media) if context.get("include_media") else "", "\n    "]
    if context.get("form_show_errors"):
        errors = context.template.engine.get_template(ERRORS_TEMPLATE)
        parts += ["\n        ", errors.render(context), "\n    "]
    parts.append("\n    ")
    for field in form:
        with context.push(field=field):
            parts += ["\n        ", lean_field(context), "\n    "]
    parts.append("\n")
    return mark_safe(remove_spaces("".join(parts).strip()))
