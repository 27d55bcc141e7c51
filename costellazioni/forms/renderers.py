"""The portal's form renderer: the project's templates, with the commonest widgets written in Python.

Django draws a widget through two or three templates (the widget's own, ``input.html``, ``attrs.html``); an admin
changelist draws one checkbox per row that way, a form one input per field. This renderer writes ``input.html``
and the widgets that are nothing else, the textarea and the portal's select in one pass, with the same markup
(tested widget by widget against the templates); every other template renders as before.
"""

import html

from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

# Django's widget templates that are ``input.html`` and nothing else (the portal overrides none of them).
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "number", "email", "url", "password", "hidden", "date", "datetime", "time")
    + ("search", "tel", "color", "checkbox")
)
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
SELECT_TEMPLATE = "django/forms/widgets/select.html"  # the portal's own, in templates/django/forms/widgets/


def escape(value) -> str:
    """Django's ``conditional_escape`` without the lazy-string wrapper around ``escape``, which cost half of the
    time of a list of 40 checkboxes (seven escapes an option)."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def attrs_html(attrs: dict) -> str:
    """Django's ``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def select_html(widget: dict) -> str:
    """The portal's ``django/forms/widgets/select.html``: the empty choice reads "Seleziona…"."""
    parts = [f'<select name="{escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in options:
            label = option["label"]
            label = (
                gettext("Seleziona…")
                if label == "---------"
                else escape(label if isinstance(label, str) else localize(label))
            )
            value = escape(str(option["value"]))
            parts.append(f'\n    <option value="{value}"{attrs_html(option["attrs"])}>{label}</option>\n  ')
        if group_name:
            parts.append("\n    </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def widget_html(template_name: str, widget: dict) -> str | None:
    """The widget's HTML for the templates written here, ``None`` for any other."""
    if template_name in INPUT_TEMPLATES:
        value = "" if widget["value"] is None else f' value="{escape(str(widget["value"]))}"'
        name = escape(widget["name"])
        return f'<input type="{escape(widget["type"])}" name="{name}"{value}{attrs_html(widget["attrs"])}>'
    if template_name == TEXTAREA_TEMPLATE:
        value = escape(widget["value"]) if widget["value"] else ""
        return f'<textarea name="{escape(widget["name"])}"{attrs_html(widget["attrs"])}>\n{value}</textarea>'
    if template_name == SELECT_TEMPLATE:
        return select_html(widget)
    return None


class PortalFormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        html = widget_html(template_name, widget) if isinstance(widget, dict) else None
        if html is None:
            return super().render(template_name, context, request=request)
        return mark_safe(html)
