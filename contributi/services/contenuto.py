"""What an application contains, for reading: the wizard's summary, the area personale and their PDFs.

Everything is read from a snapshot (``candidatura_snapshot``): the draft's current one for the summary and
its preview, the one frozen at submission for what was sent. Both render through the same template.
"""

from decimal import Decimal, InvalidOperation

from django.utils import timezone

from contributi.models import Candidatura, VoceBudget


def _decimal(value) -> Decimal:
    try:
        return Decimal(str(value or "0"))
    except InvalidOperation:
        return Decimal("0")


def contenuto_context(snapshot: dict) -> dict:
    """The context of ``contributi/includes/contenuto.html``: the snapshot with labels and amounts as numbers."""
    categorie = dict(VoceBudget.Categoria.choices)
    budget = snapshot.get("budget") or {}
    voci = [
        {
            "categoria": categorie.get(voce.get("categoria"), voce.get("categoria", "")),
            "descrizione": voce.get("descrizione", ""),
            "importo": _decimal(voce.get("importo")),
        }
        for voce in budget.get("voci", [])
    ]
    return {
        "s": snapshot,
        "voci": voci,
        "costo_totale": sum((voce["importo"] for voce in voci), Decimal("0")),
        "importo_richiesto": _decimal(budget.get("importo_richiesto")),
        "cofinanziamento": _decimal(budget.get("cofinanziamento")),
        "allegati": snapshot.get("allegati", []),
    }


def candidatura_pdf_render(*, candidatura: Candidatura, snapshot: dict, bozza: bool) -> bytes:
    """The application's content as a PDF: a draft's preview carries the watermark "BOZZA" on every page."""
    from costellazioni.services.pdf import pdf_render

    return pdf_render(
        template_name="contributi/pdf/candidatura.html",
        context={
            "candidatura": candidatura,
            "bando": candidatura.bando,
            "bozza": bozza,
            "now": timezone.now(),
            "sha256": "" if bozza else candidatura.snapshot_sha256,
            **contenuto_context(snapshot),
        },
        pdfa=not bozza,
    )
