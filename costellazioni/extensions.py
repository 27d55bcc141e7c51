"""Places on core pages that the other apps fill, without the core importing them.

An app registers its providers once, in its ``AppConfig.ready()``::

    from costellazioni import extensions

    extensions.register_home(open_calls_context)            # (request) -> dict merged into the home context
    extensions.register_area_personale(my_bookings_section)  # (request) -> Section | None

Home providers fill the fixed slots of ``pages/home.html`` (``pages/home/*.html`` read their variables);
area personale providers add a card each to the dashboard, in registration order.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class Section:
    template_name: str
    context: dict = field(default_factory=dict)


HomeProvider = Callable[[HttpRequest], dict]
SectionProvider = Callable[[HttpRequest], Section | None]

_home: list[HomeProvider] = []
_area_personale: list[SectionProvider] = []


def register_home(provider: HomeProvider) -> HomeProvider:
    if provider not in _home:
        _home.append(provider)
    return provider


def register_area_personale(provider: SectionProvider) -> SectionProvider:
    if provider not in _area_personale:
        _area_personale.append(provider)
    return provider


def home_context(request: HttpRequest) -> dict:
    context: dict = {}
    for provider in _home:
        context.update(provider(request))
    return context


def area_personale_sections(request: HttpRequest) -> list[Section]:
    return [section for provider in _area_personale if (section := provider(request)) is not None]
