"""Data for the fault tests: submitted applications and booking requests, made the way people make them."""

from pathlib import Path

from django.urls import reverse

from contributi import services as contributi_services
from contributi.models import Candidatura
from tests.contributi.factories import complete_draft, open_bando, referente


def submit_application(bando=None):
    """A referente submits a complete draft; returns the committed application."""
    bando = bando or open_bando()
    user, ente = referente()
    draft = complete_draft(bando=bando, user=user, ente=ente)
    return contributi_services.candidatura_submit(candidatura=draft, actor=user, veridicita=True, privacy=True)


def submission_step(candidatura: Candidatura) -> str:
    return reverse("contributi:passo", kwargs={"slug": candidatura.bando.slug, "pk": candidatura.pk, "passo": "invio"})


def receipt_files(media_root) -> list[Path]:
    folder = Path(media_root) / "privato" / "ricevute"
    return sorted(folder.rglob("*.pdf")) if folder.exists() else []


def worker_children(pid: int) -> list[int]:
    """The pool processes of a prefork worker (its direct children), read from /proc."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(part) for part in children.read_text().split()] if children.exists() else []
