"""Places on core pages that the other apps fill, without the core importing them.

An app registers its providers once, in its ``AppConfig.ready()``::

    from costellazioni import extensions

    extensions.register_home(open_calls_context)            # (request) -> dict merged into the home context
    extensions.register_area_personale(my_bookings_section, probes=my_probes)  # (request) -> Section | None
    extensions.register_related_pages("ricerca.bisogno", chain_link)  # (request, obj) -> [Link]

Home providers fill the fixed slots of ``pages/home.html`` (``pages/home/*.html`` read their variables);
area personale providers add a card each to the dashboard, in registration order; related-pages providers add
links to the admin change page of an object of a lower app towards a page of a higher app (the need's chain in
monitoring, for instance), which the lower app cannot name because it must not import the higher one.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Expression, Model
from django.http import HttpRequest
from django.utils import timezone

from costellazioni.baked import baked


@dataclass(frozen=True)
class Section:
    template_name: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


HomeProvider = Callable[[HttpRequest], dict]
SectionProvider = Callable[[HttpRequest], Section | None]
ProbesProvider = Callable[..., dict[str, Expression]]  # (*, now, today)
RelatedPagesProvider = Callable[[HttpRequest, Model], Iterable[Link]]

_home: list[HomeProvider] = []
_area_personale: list[SectionProvider] = []
_area_personale_probes: list[ProbesProvider] = []
_related_pages: dict[str, list[RelatedPagesProvider]] = {}


def register_home(provider: HomeProvider) -> HomeProvider:
    if provider not in _home:
        _home.append(provider)
    return provider


def register_area_personale(provider: SectionProvider, *, probes: ProbesProvider | None = None) -> SectionProvider:
    """``probes(now=, today=)`` names expressions on the person's row (``OuterRef("pk")`` is the person), typically
    ``Exists`` or ``subqueries.count``; the cards read every one of them in a single query, so that a card asks
    more only when there is something to show. The query is the same for everyone (``baked``): the probes depend
    on nothing but the person and the time they are given (``represented_enti_subquery`` for the person's enti)."""
    if provider not in _area_personale:
        _area_personale.append(provider)
    if probes is not None and probes not in _area_personale_probes:
        _area_personale_probes.append(probes)
        _probe_query.forget()
    return provider


def home_context(request: HttpRequest) -> dict:
    context: dict = {}
    for provider in _home:
        context.update(provider(request))
    return context


def area_personale_sections(request: HttpRequest, *, represented_enti: list[int] | None = None) -> list[Section]:
    """The cards, in registration order; ``represented_enti`` when the view has read every membership already."""
    if represented_enti is not None:
        request._represented_enti = represented_enti
    return [section for provider in _area_personale if (section := provider(request)) is not None]


@baked
def _probe_query(user_id: int, now: datetime, today: date):
    from costellazioni.models import User

    expressions = {name: e for probes in _area_personale_probes for name, e in probes(now=now, today=today).items()}
    return User.objects.filter(pk=user_id).values(**expressions)


def probed(request: HttpRequest) -> dict:
    """The values of every card's probes for this person, read once (an empty dict for someone not logged in)."""
    if not hasattr(request, "_area_personale_probed"):
        request._area_personale_probed = {}
        if _area_personale_probes and request.user.is_authenticated:
            now = timezone.now()
            (request._area_personale_probed,) = _probe_query(request.user.pk, now, timezone.localdate(now))
    return request._area_personale_probed


def represented_enti_subquery():
    """The verified enti the person of the probe query represents, for a probe's ``ente__in=``: the query's
    ``pk`` seen from inside one of its subqueries (``represented_enti`` lists them for a card's own queries)."""
    from django.db.models import OuterRef

    from costellazioni.models import Membership

    return Membership.objects.acting_enti(OuterRef(OuterRef("pk")))


def represented_enti(request: HttpRequest) -> list[int]:
    """The pks of the verified enti the person represents through a verified membership: read once for all the
    cards, which filter their rows by them and ask nothing when there are none (most people)."""
    if not hasattr(request, "_represented_enti"):
        from costellazioni.models import Ente

        enti = Ente.objects.represented_by(request.user).verified()
        request._represented_enti = list(enti.values_list("pk", flat=True))
    return request._represented_enti


def register_related_pages(model: str, provider: RelatedPagesProvider) -> RelatedPagesProvider:
    """``model`` as ``"app_label.modelname"``; ``provider(request, obj)`` returns the links this person may follow
    (none when they may not)."""
    providers = _related_pages.setdefault(model.lower(), [])
    if provider not in providers:
        providers.append(provider)
    return provider


def related_pages(request: HttpRequest, obj: Model | None) -> list[Link]:
    """The links the apps offer from ``obj`` (a saved object), in registration order."""
    if obj is None or obj.pk is None:
        return []
    providers = _related_pages.get(obj._meta.label_lower, [])
    return [link for provider in providers for link in provider(request, obj)]


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
