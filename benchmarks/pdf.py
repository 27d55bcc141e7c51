"""PDF CPU time: the receipt and the ranking through ``pdf_render`` against WeasyPrint rendering the same HTML alone.

For each document it prints the median and minimum process CPU time (``time.process_time``) of N renders:

- ``pdf_render``: what the worker does (template, letterhead, fonts, PDF/A for the receipt and the ranking);
- ``WeasyPrint alone``: ``HTML(string=…).write_pdf()`` of the same document, with the letterhead's CSS and the
  fonts' ``@font-face`` rules inline in its ``<head>`` and WeasyPrint's defaults (a new font configuration, every
  stylesheet parsed again, each render): what ``pdf_render`` cost before it kept them;
- ``WeasyPrint alone, PDF/A``: the same with ``pdf_variant="pdf/a-3b"`` (the receipt and the ranking are PDF/A).

The first render of each kind is a warm-up and is not counted. The receipt is built in memory (no database); the
ranking is the largest ``Graduatoria`` of the database given (``seed_demo`` makes one), skipped if there is none.

    DEBUG=0 SECRET_KEY=bench DATABASE_URL=postgres://root@127.0.0.1:5432/costellazioni_demo \\
      .venv/bin/python benchmarks/pdf.py -n 20
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "costellazioni.settings")


def cpu_ms(render, n: int) -> list[float]:
    render()  # warm-up: imports, template compilation, the font configuration of the thread
    samples = []
    for _i in range(n):
        start = time.process_time()
        render()
        samples.append((time.process_time() - start) * 1000)
    return samples


def receipt():
    """An application as submitted, in memory: what ``ricevuta_render`` reads."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from contributi.models import Bando, Candidatura

    bando = Bando(titolo="Bando Idee in Comune 2026", cup="F79I26000010006")
    snapshot = {
        "ente": {"denominazione": "Spazio Bissuola APS", "codice_fiscale": "90012345678"},
        "titolo": "Cucine di quartiere",
        "budget": {"importo_richiesto": "13000.00", "cofinanziamento": "2000.00"},
        "allegati": [
            {"documento": f"Documento {i}", "nome": f"documento-{i}.pdf", "sha256": "ab" * 32} for i in range(3)
        ],
    }
    return Candidatura(
        bando=bando,
        numero_protocollo="2026/000123",
        presentata_il=datetime(2026, 11, 30, 11, 59, 58, tzinfo=ZoneInfo("Europe/Rome")),
        snapshot=snapshot,
        snapshot_sha256="cd" * 32,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="renders per measurement (default 20)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.template.loader import render_to_string
    from django.utils import translation
    from weasyprint import HTML

    from contributi.models import Graduatoria
    from contributi.services.graduatoria import GRADUATORIA_PDF_TEMPLATE, graduatoria_pdf_context
    from contributi.services.ricevute import ricevuta_render
    from costellazioni.services import pdf

    translation.activate("it")
    documents = []
    candidatura = receipt()
    documents.append(
        (
            "receipt (PDF/A)",
            lambda: ricevuta_render(candidatura=candidatura),
            "contributi/pdf/ricevuta.html",
            {"candidatura": candidatura, "snapshot": candidatura.snapshot, "bando": candidatura.bando},
        )
    )
    graduatoria = (
        Graduatoria.objects.select_related("bando")
        .annotate(n=django.db.models.Count("posizioni"))
        .filter(n__gt=0)
        .order_by("-n")
        .first()
    )
    if graduatoria is not None:
        context = graduatoria_pdf_context(graduatoria=graduatoria)
        documents.append(
            (
                f"ranking, {len(context['posizioni'])} positions (PDF/A)",
                lambda: pdf.pdf_render(template_name=GRADUATORIA_PDF_TEMPLATE, context=context, pdfa=True),
                GRADUATORIA_PDF_TEMPLATE,
                context,
            )
        )
    else:
        print("no ranking with positions in this database: run `manage.py seed_demo` to measure one")

    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'document':<36} {'measurement':<28} {'median ms':>10} {'min ms':>8}")
    for name, render, template_name, context in documents:
        html = render_to_string(
            template_name,
            {"PORTAL_NAME": "Costellazioni civiche", "pdf_page_counter": pdf.page_counter_css(), **context},
        )
        inline = f"<style>{pdf.font_face_css()}\n{pdf.letterhead_css()}</style>"
        html = html.replace("<style>", inline + "<style>", 1)  # before the document's own, as in pdf_render
        rows = [
            ("pdf_render", render),
            (
                "WeasyPrint alone",
                lambda html=html: HTML(
                    string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.PortalURLFetcher()
                ).write_pdf(),
            ),
            (
                "WeasyPrint alone, PDF/A",
                lambda html=html: HTML(
                    string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.PortalURLFetcher()
                ).write_pdf(pdf_variant=pdf.PDFA_VARIANT),
            ),
        ]
        for label, function in rows:
            samples = cpu_ms(function, args.n)
            print(f"{name:<36} {label:<28} {statistics.median(samples):>10.0f} {min(samples):>8.0f}")
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
