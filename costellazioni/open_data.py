"""Open datasets of the portal, listed at ``/dati-aperti/``; each app registers its own from ``apps.py``.

::

    from costellazioni.open_data import Campo, register_dataset

    register_dataset(
        "contributi-concessi",
        title=_("Contributi concessi"),
        description=_("..."),
        formats={"CSV": "trasparenza_contributi:csv", "JSON": "trasparenza_contributi:json"},
        dictionary=[Campo("importo", _("Importo concesso"), unit="EUR", source=_("..."), frequency=_("..."))],
        last_update=lambda: ...,  # a datetime/date or None; called when the page renders
    )

``formats`` maps a format's name to a URL name (reversed when the page renders) or a path.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

CC_BY_4 = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.it")


@dataclass(frozen=True)
class Campo:
    """One field of a dataset's data dictionary."""

    name: str
    meaning: str
    unit: str = ""
    source: str = ""
    frequency: str = ""


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    formats: dict
    dictionary: list = field(default_factory=list)
    licence: tuple = CC_BY_4
    last_update: Callable | None = None
    publisher: str = _("Comune di Venezia")

    def links(self) -> list[tuple[str, str]]:
        links = []
        for name, target in self.formats.items():
            if target.startswith("/"):
                links.append((name, target))
                continue
            try:
                links.append((name, reverse(target)))
            except NoReverseMatch:
                continue
        return links

    def updated(self):
        return self.last_update() if self.last_update else None


_datasets: dict[str, Dataset] = {}


def register_dataset(slug: str, **kwargs) -> Dataset:
    dataset = Dataset(slug=slug, **kwargs)
    _datasets[slug] = dataset
    return dataset


def datasets() -> list[Dataset]:
    return list(_datasets.values())


def get_dataset(slug: str) -> Dataset | None:
    return _datasets.get(slug)
