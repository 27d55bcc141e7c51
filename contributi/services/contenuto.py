"""What an application contains, for reading: the wizard's summary, the area personale, the admin's
application page and the PDFs, all through ``contributi/includes/contenuto.html``.

Everything is read from a snapshot: a draft's is built now (``candidatura_snapshot``), a submitted
application's is the one frozen at submission. Both give the same structure.
"""

from decimal import Decimal, InvalidOperation

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from contributi.models import Allegato, Candidatura, VoceBudget
from contributi.services.candidature_invio import candidatura_snapshot


def _decimal(value) -> Decimal:
    try:
        return Decimal(str(value or "0"))
    except InvalidOperation:
        return Decimal("0")


def candidatura_contenuto(candidatura: Candidatura, *, allegati: bool = True) -> dict:
    """The context of ``contributi/includes/contenuto.html`` for one application.

    A submitted application shows its frozen snapshot, with its declarations, protocol number and SHA-256
    fingerprints; a draft shows its content now, marked as not yet submitted. ``allegati=False`` leaves out
    the attachments, for pages that list them with their download links (the admin's application page).
    """
    presentata = candidatura.snapshot is not None
    if not presentata:
        # One query per relation the snapshot reads, whatever the number of rows (skipped if already prefetched).
        prefetch_related_objects(
            [candidatura], Prefetch("allegati", queryset=Allegato.objects.select_related("richiesto"))
        )
    snapshot = candidatura.snapshot if presentata else candidatura_snapshot(candidatura)
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
        "presentata": presentata,
        "sha256": candidatura.snapshot_sha256 if presentata else "",
        "voci": voci,
        "costo_totale": sum((voce["importo"] for voce in voci), Decimal("0")),
        "importo_richiesto": _decimal(budget.get("importo_richiesto")),
        "cofinanziamento": _decimal(budget.get("cofinanziamento")),
        "mostra_allegati": allegati,
        "allegati": snapshot.get("allegati", []),
    }


def candidatura_pdf_render(*, candidatura: Candidatura) -> bytes:
    """The application's content as a PDF: a draft's preview carries the watermark "BOZZA" on every page."""
    from costellazioni.services.pdf import pdf_render

    bozza = candidatura.snapshot is None
    return pdf_render(
        template_name="contributi/pdf/candidatura.html",
        context={
            "candidatura": candidatura,
            "bando": candidatura.bando,
            "bozza": bozza,
            "now": timezone.now(),
            **candidatura_contenuto(candidatura),
        },
        pdfa=not bozza,
    )
