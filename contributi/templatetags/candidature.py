"""``{% candidatura_riepilogo candidatura %}``: what an application contains, as the applicant reads it before
submitting (the wizard's summary) and as staff read it in the admin; after submission, the frozen snapshot."""

from django import template

from contributi import services
from contributi.models import VoceBudget

register = template.Library()


@register.inclusion_tag("contributi/includes/riepilogo.html")
def candidatura_riepilogo(candidatura, *, allegati=True):
    """``allegati=False`` leaves out the attachments, for pages that list them with their download links."""
    presentata = candidatura.snapshot is not None
    snapshot = candidatura.snapshot if presentata else services.candidatura_snapshot(candidatura)
    categorie = dict(VoceBudget.Categoria.choices)
    voci = [
        {**voce, "categoria": categorie.get(voce.get("categoria"), voce.get("categoria", ""))}
        for voce in (snapshot.get("budget") or {}).get("voci", [])
    ]
    return {
        "s": snapshot,
        "voci": voci,
        "presentata": presentata,
        "sha256": candidatura.snapshot_sha256,
        "allegati": allegati,
    }
