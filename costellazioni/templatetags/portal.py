"""Template helpers of the portal's look: icons, main navigation, breadcrumbs, kit version."""

from dataclasses import dataclass
from functools import cache

from django import template
from django.contrib.staticfiles import finders
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from costellazioni.forms.pages import ASPETTI_NEGATIVI, ASPETTI_POSITIVI, ValutazionePaginaForm

register = template.Library()

SPRITE = "vendor/bootstrap-italia/svg/sprites.svg"


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    # The value of aria-current: "page" on the section's own page, "true" further inside it, "" elsewhere.
    current: str
    # The national model's name for the section it plays on a Comune's site ("management", "news", "live").
    data_element: str = ""


# Paths are written out: the core does not import the apps that serve them. The third value marks the sections
# that play a first-level part of the national model of municipal sites, for its checker (modello Comuni):
# the programme's governance as "Amministrazione", its calls as "Novità" (avvisi), the HUBs as "Vivere".
MAIN_NAVIGATION = [
    (_("Il progetto"), "il_progetto", ""),
    (_("Ricerca-azione"), "/ricerca-azione/", ""),
    (_("HUB"), "/hub/", "live"),
    (_("Antenne"), "/antenne/", ""),
    (_("Bandi"), "/bandi/", "news"),
    (_("Co-programmazione"), "/coprogrammazione/", ""),
    (_("Governance"), "/governance/", "management"),
    (_("Monitoraggio"), "/monitoraggio/", ""),
]


# Fragments that are the same on every page in a language (footer, links to static files, the header's fixed
# parts), rendered once per process and language; forgotten when a setting changes (tests).
_ONCE: dict[tuple[str, str], str] = {}


@receiver(setting_changed)
def _forget_rendered_once(**kwargs):
    _ONCE.clear()
    _HEADERS.clear()
    _sprite_url.cache_clear()


class OnceNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        key = (self.name, get_language() or "")
        html = _ONCE.get(key)
        if html is None:
            html = self.nodelist.render(context)
            # Only from a full page's context: a bare context (an error page) lacks the context processors' values.
            if context.get("request") is not None and "PORTAL_NAME" in context:
                _ONCE[key] = html
        return html


@register.tag
def once(parser, token):
    """``{% once "footer" %}…{% endonce %}``: the same HTML for every request in a language, rendered once.

    Only for markup that depends on nothing but settings and the language: no user, path, form or token inside.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('{% once %} takes one name: {% once "footer" %}')
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(bits[1].strip("\"'"), nodelist)


# Headers, one per language, person (name and unread messages) and current menu entry: what the header shows
# besides the request's own CSRF token, address and search words, which go in at each request.
_HEADERS: dict[tuple, str] = {}
HEADERS_REMEMBERED = 512
_CSRF_MARK = "__header_csrf_token__"
_NEXT_MARK = "__header_next_path__"
_SEARCH_MARK = "__header_search_query__"


class HeaderNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        token = context.get("csrf_token")
        if request is None or "PORTAL_NAME" not in context or not token or token == "NOTPROVIDED":
            with context.push(header_next=request.get_full_path() if request is not None else ""):
                return self.nodelist.render(context)
        key = _header_key(context)
        html = _HEADERS.get(key)
        if html is None:
            with context.push(csrf_token=_CSRF_MARK, header_next=_NEXT_MARK, search_query=_SEARCH_MARK):
                html = self.nodelist.render(context)
            if len(_HEADERS) >= HEADERS_REMEMBERED:
                _HEADERS.clear()
            _HEADERS[key] = html
        return mark_safe(
            html.replace(_CSRF_MARK, str(token))
            .replace(_NEXT_MARK, conditional_escape(request.get_full_path()))
            .replace(_SEARCH_MARK, conditional_escape(context.get("search_query") or ""))
        )


def _header_key(context) -> tuple:
    user = context.get("user")
    person = (user.pk, user.get_full_name(), user.email) if user is not None and user.is_authenticated else None
    current = tuple(item.current for item in main_navigation(context))
    return (get_language(), person, context.get("unread_messages"), current)


@register.tag
def cached_header(parser, token):
    """``{% cached_header %}…{% endcached_header %}`` around the page header: rendered once per language, person,
    unread count and current menu entry; ``header_next`` is the address to come back to after a language change."""
    nodelist = parser.parse(("endcached_header",))
    parser.delete_first_token()
    return HeaderNode(nodelist)


@cache
def _sprite_url() -> str:
    return static(SPRITE)


@register.simple_tag
def icon(name, css_class="", label=""):
    """An icon from the kit's SVG sprite; decorative unless ``label`` is given."""
    classes = f"icon {css_class}".strip()
    href = f"{_sprite_url()}#{name}"
    if label:
        return format_html(
            '<svg class="{}" role="img" aria-label="{}"><use href="{}"></use></svg>', classes, label, href
        )
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', classes, href
    )


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The navbar entries; the one containing the current path is marked current."""
    request = context.get("request")
    path = request.path if request is not None else ""
    items = []
    for label, target, data_element in MAIN_NAVIGATION:
        url = target if target.startswith("/") else reverse(target)
        current = "page" if path == url else "true" if path.startswith(url) else ""
        items.append(NavItem(label=label, url=url, current=current, data_element=data_element))
    return items


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*labels_and_urls):
    """``{% breadcrumbs _("Bandi") "/bandi/" _("Un bando") %}``: label/url pairs after Home; the last label,
    given without a url, is the current page."""
    values = list(labels_and_urls)
    items = []
    while values:
        label = values.pop(0)
        url = values.pop(0) if values else ""
        items.append((label, url))
    return {"items": items}


@register.simple_tag
def bootstrap_italia_version():
    return _vendored_version("bootstrap-italia")


@cache
def _vendored_version(package):
    path = finders.find(f"vendor/{package}/VERSION")
    if not path:
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.read().strip()


@register.simple_tag
def elided_page_range(page_obj):
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


@register.inclusion_tag("includes/rating.html", takes_context=True)
def rating_widget(context):
    """The page-rating widget; shows the bound form with its errors when the view put one in ``rating_form``."""
    form = context.get("rating_form")
    if form is None:
        request = context.get("request")
        form = ValutazionePaginaForm(initial={"pagina": request.path if request is not None else "/"})
    stelle = str(form["stelle"].value() or "")
    aspetto = str(form["aspetto"].value() or "")
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "form": form,
        "stars": [str(n) for n in range(1, 6)],
        "stelle": stelle,
        "aspetto": aspetto,
        "aspetti_positivi": ASPETTI_POSITIVI,
        "aspetti_negativi": ASPETTI_NEGATIVI,
    }


@register.simple_tag(takes_context=True)
def related_pages(context, obj) -> list:
    """``{% related_pages original as pagine %}``: the links other apps register for ``obj``
    (``costellazioni.extensions.register_related_pages``); the admin change page shows them among its tools."""
    from costellazioni.extensions import related_pages as links

    request = context.get("request")
    return links(request, obj) if request is not None else []
