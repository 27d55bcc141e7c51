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


# --- the staff's work queue ("Da fare" on the admin index) -------------------------------------------------------


@dataclass(frozen=True)
class WorkItem:
    """One line of a staff member's work queue: what waits, how many, and the filtered list where it is done.

    ``scadenza`` is the nearest deadline among the rows, if the work has one (the page shows the days left).
    """

    label: str
    count: int
    url: str
    scadenza: object = None


WorkItemProvider = Callable[[object], WorkItem | None]

_work_items: list[WorkItemProvider] = []


def register_work_item(provider: WorkItemProvider) -> WorkItemProvider:
    """``provider(user)`` returns the user's ``WorkItem`` (one query at most), or ``None`` when the user may not
    do that work; it is shown when its count is above zero."""
    if provider not in _work_items:
        _work_items.append(provider)
    return provider


def count_item(*, label, queryset, url: str, deadline: str | None = None) -> WorkItem:
    """A ``WorkItem`` counting ``queryset`` in one query; with ``deadline`` (a field name) also its nearest value."""
    from django.db.models import Count, Min

    if deadline is None:
        return WorkItem(label=label, count=queryset.count(), url=url)
    totals = queryset.aggregate(n=Count("pk"), prossima=Min(deadline))
    return WorkItem(label=label, count=totals["n"], url=url, scadenza=totals["prossima"])


def work_items(user) -> list[WorkItem]:
    return [item for provider in _work_items if (item := provider(user)) is not None and item.count]
