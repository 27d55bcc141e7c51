"""Open datasets of the portal, listed at ``/dati-aperti/``; each app declares its own once, from ``apps.py``.

::

    from costellazioni.open_data import campi, register_dataset

    register_dataset(
        "governance-decisioni",
        title=_("Registro delle decisioni"),
        description=_("..."),
        formats={"CSV": "governance:dati_csv", "JSON": "governance:dati_json"},
        dictionary=campi(SOURCE, FREQUENCY, ("id", _("Identificativo")), ("data", _("Data"), "AAAA-MM-GG")),
        objects=lambda: Decisione.objects.for_open_data(),  # what the files list
        row=row,  # (object, request) -> dict whose keys are the dictionary's names
        filename="decisioni",
        last_update=lambda: ...,  # a datetime/date or None; called when the page renders
    )

and in ``urls.py`` ``path("….csv", dataset_view("governance-decisioni", "csv"), name="dati_csv")``.

The dictionary is the declaration: its names are the columns, in order, with meaning, unit and source. The same
rows are served as CSV (``csv_export``, through the formula-safe writer) and JSON (``json_export``); a dataset's
``last_update`` is the newest modification time of its rows, ``latest_or_now(None)`` when it has none yet.
``formats`` maps a format's name to a URL name (reversed when the page renders) or a path.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costellazioni.spreadsheets import csv_response

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
    objects: Callable | None = None
    row: Callable | None = None
    filename: str = ""

    @property
    def columns(self) -> list[str]:
        return [campo.name for campo in self.dictionary]

    def rows(self, request):
        """One dict per object, for ``request`` (absolute links are built from it)."""
        return (self.row(obj, request) for obj in self.objects())

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


def campi(source: str, frequency: str, *fields: tuple) -> list[Campo]:
    """A data dictionary whose fields share their source and update frequency: ``(name, meaning[, unit])``; a
    ``Campo`` with a source of its own is kept as it is."""
    return [
        field if isinstance(field, Campo) else Campo(*field, source=source, frequency=frequency) for field in fields
    ]


def dataset_view(slug: str, fmt: str):
    """The view serving the registered dataset ``slug`` as ``fmt`` ("csv" or "json")."""

    def view(request):
        dataset = _datasets[slug]
        if fmt == "csv":
            return csv_export(f"{dataset.filename or dataset.slug}.csv", dataset.columns, dataset.rows(request))
        return json_export(dataset.rows(request))

    view.__name__ = f"{slug.replace('-', '_')}_{fmt}"
    return view


def datasets() -> list[Dataset]:
    return list(_datasets.values())


def get_dataset(slug: str) -> Dataset | None:
    return _datasets.get(slug)


def latest_or_now(*moments):
    """The newest of ``moments`` (``None`` skipped), or now when the dataset has no row yet."""
    present = [m for m in moments if m is not None]
    return max(present) if present else timezone.now()


def csv_export(filename: str, columns: list[str], rows):
    """The rows (dicts) as an open-data CSV: UTF-8 without BOM, comma-separated, header first, formula-safe.

    Booleans are written ``true``/``false`` and ``None`` as an empty cell, as in the JSON.
    """
    response, writer = csv_response(filename, delimiter=",", excel_bom=False)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column, "")) for column in columns])
    return response


def _cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def json_export(rows) -> JsonResponse:
    """The same rows as JSON: ``{"count": n, "results": [...]}``, UTF-8 as is."""
    rows = list(rows)
    return JsonResponse({"count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False})
