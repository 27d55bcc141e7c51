"""Server-side SVG charts (pages and PDFs alike: WeasyPrint runs no JavaScript).

Each chart comes with an accessible table in its template; the SVG itself carries a title and a description.
"""

import math
import textwrap
import zlib

from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# Colour-blind-safe palette (Okabe-Ito) with distinct dash patterns: rounds never differ by colour alone.
SERIE = [("#0066cc", ""), ("#d55e00", "6 4"), ("#009e73", "2 3"), ("#6a3d9a", "10 3 2 3")]


def _svg(width: int, height: int, titolo: str, descrizione: str, corpo: list[str]) -> str:
    return mark_safe(
        _fmt(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" class="ricerca-chart" '
            'aria-labelledby="{}-t {}-d"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>',
            width,
            height,
            _id(titolo),
            _id(titolo),
            _id(titolo),
            titolo,
            _id(titolo),
            descrizione,
        )
        + "".join(corpo)
        + "</svg>"
    )


def _id(testo: str) -> str:
    return "c" + str(zlib.crc32(testo.encode()))


def _fmt(template: str, *args) -> str:
    """format_html that keeps numbers as numbers, so ``{:.1f}`` works; text is escaped."""
    valori = [a if isinstance(a, int | float) else conditional_escape(a) for a in args]
    return mark_safe(template.format(*valori))


def _testo(x, y, testo, anchor="middle", size=13, weight="normal", fill="#1a1a1a") -> str:
    return _fmt(
        '<text x="{:.1f}" y="{:.1f}" text-anchor="{}" font-size="{}" font-weight="{}" fill="{}" '
        'font-family="Titillium Web, DejaVu Sans, sans-serif">{}</text>',
        x,
        y,
        anchor,
        size,
        weight,
        fill,
        testo,
    )


def radar_svg(etichette: list[str], serie: list[tuple[str, list[float | None]]], massimo: int = 5) -> str:
    """A radar chart: one axis per dimension (1..massimo), one polygon per round."""
    size, cx, cy, r = 520, 260, 250, 170
    n = max(len(etichette), 3)
    corpo = []

    def punto(i, valore):
        angolo = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * valore / massimo * math.cos(angolo), cy + r * valore / massimo * math.sin(angolo)

    for livello in range(1, massimo + 1):
        punti = " ".join("{:.1f},{:.1f}".format(*punto(i, livello)) for i in range(n))
        corpo.append(_fmt('<polygon points="{}" fill="none" stroke="#c5c7c9" stroke-width="1"/>', punti))
        corpo.append(
            _testo(cx + 4, cy - r * livello / massimo + 4, str(livello), anchor="start", size=10, fill="#5c6f82")
        )
    for i, etichetta in enumerate(etichette):
        x, y = punto(i, massimo)
        corpo.append(_fmt('<line x1="{}" y1="{}" x2="{:.1f}" y2="{:.1f}" stroke="#c5c7c9"/>', cx, cy, x, y))
        lx, ly = punto(i, massimo + 0.75)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        corpo.append(_testo(lx, ly + 4, etichetta, anchor=anchor, size=13, weight="600"))
    for indice, (nome, valori) in enumerate(serie):
        colore, tratteggio = SERIE[indice % len(SERIE)]
        punti = " ".join("{:.1f},{:.1f}".format(*punto(i, v or 0)) for i, v in enumerate(valori))
        corpo.append(
            _fmt(
                '<polygon points="{}" fill="{}" fill-opacity="0.12" stroke="{}" stroke-width="2.5" '
                'stroke-dasharray="{}"/>',
                punti,
                colore,
                colore,
                tratteggio,
            )
        )
        ly = 470 + 0 * indice
        lx = 30 + indice * 160
        corpo.append(
            _fmt(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3" stroke-dasharray="{}"/>',
                lx,
                ly + 25,
                lx + 30,
                ly + 25,
                colore,
                tratteggio,
            )
        )
        corpo.append(_testo(lx + 36, ly + 30, nome, anchor="start", size=13))
    descrizione = "; ".join(
        f"{nome}: " + ", ".join(f"{e} {v if v is not None else '—'}" for e, v in zip(etichette, valori, strict=False))
        for nome, valori in serie
    )
    return _svg(size, size, _("Maturità dell'ecosistema per dimensione"), descrizione, corpo)


def matrice_svg(stakeholder: list) -> str:
    """The 2×2 interest/influence map: each stakeholder a numbered dot (the table beside names them)."""
    w, h, m = 520, 520, 60
    lato = w - 2 * m
    corpo = [
        _fmt('<rect x="{}" y="{}" width="{}" height="{}" fill="#f5f7fa" stroke="#5c6f82"/>', m, m, lato, lato),
        _fmt(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#5c6f82" stroke-dasharray="4 4"/>',
            m + lato / 2,
            m,
            m + lato / 2,
            m + lato,
        ),
        _fmt(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#5c6f82" stroke-dasharray="4 4"/>',
            m,
            m + lato / 2,
            m + lato,
            m + lato / 2,
        ),
        _testo(m + lato * 0.25, m + 20, _("Soddisfare"), size=13, weight="600", fill="#5c6f82"),
        _testo(m + lato * 0.75, m + 20, _("Coinvolgere da vicino"), size=13, weight="600", fill="#5c6f82"),
        _testo(m + lato * 0.25, m + lato - 10, _("Monitorare"), size=13, weight="600", fill="#5c6f82"),
        _testo(m + lato * 0.75, m + lato - 10, _("Tenere informati"), size=13, weight="600", fill="#5c6f82"),
        _testo(m + lato / 2, h - 15, _("Interesse →"), size=14, weight="600"),
        _fmt(
            '<text transform="translate(20 {}) rotate(-90)" text-anchor="middle" font-size="14" font-weight="600" '
            'font-family="Titillium Web, DejaVu Sans, sans-serif">{}</text>',
            m + lato / 2,
            _("Influenza →"),
        ),
    ]
    occupati: dict[tuple[int, int], int] = {}
    for numero, s in enumerate(stakeholder, start=1):
        posto = occupati.get((s.interesse, s.influenza), 0)
        occupati[(s.interesse, s.influenza)] = posto + 1
        x = m + (s.interesse - 0.5) / 5 * lato + (posto % 3 - 1) * 22
        y = m + (5 - s.influenza + 0.5) / 5 * lato + (posto // 3) * 22
        corpo.append(_fmt('<circle cx="{:.1f}" cy="{:.1f}" r="11" fill="#0066cc"/>', x, y))
        corpo.append(_testo(x, y + 4.5, str(numero), size=12, weight="700", fill="#ffffff"))
    descrizione = "; ".join(
        _("%(n)s. %(nome)s: interesse %(i)s, influenza %(f)s")
        % {"n": n, "nome": s.nome, "i": s.interesse, "f": s.influenza}
        for n, s in enumerate(stakeholder, start=1)
    )
    return _svg(w, h, _("Mappa degli stakeholder per interesse e influenza"), descrizione, corpo)


def teoria_svg(teoria, elementi: list, collegamenti: list) -> str:
    """The theory of change as layers from problems (top) to impact (bottom), arrows for causal links."""
    from ricerca.models import ElementoToc

    w, riga_h, box_h, gap = 960, 150, 96, 16
    righe = [(tipo, label, [e for e in elementi if e.tipo == tipo]) for tipo, label in ElementoToc.Tipo.choices]
    righe = [r for r in righe if r[2]]
    h = max(len(righe), 1) * riga_h + 20
    posizioni, corpo = (
        {},
        [
            '<defs><marker id="freccia" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
            'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5c6f82"/></marker></defs>'
        ],
    )
    for r, (_tipo, label, gruppo) in enumerate(righe):
        y = 10 + r * riga_h
        corpo.append(_testo(10, y + 16, label.upper(), anchor="start", size=12, weight="700", fill="#003366"))
        larghezza = min(220, (w - 20 - gap * (len(gruppo) - 1)) / len(gruppo))
        inizio = (w - (larghezza * len(gruppo) + gap * (len(gruppo) - 1))) / 2
        for i, elemento in enumerate(gruppo):
            x = inizio + i * (larghezza + gap)
            posizioni[elemento.pk] = (x, y + 28, larghezza)
    for c in collegamenti:
        if c.da_id in posizioni and c.a_id in posizioni:
            x1, y1, l1 = posizioni[c.da_id]
            x2, y2, l2 = posizioni[c.a_id]
            sx, sy, ex, ey = x1 + l1 / 2, y1 + box_h, x2 + l2 / 2, y2
            if ey <= sy:  # same layer or backwards: leave from the side
                sx, sy, ex, ey = x1 + l1, y1 + box_h / 2, x2, y2 + box_h / 2
            mid = (sy + ey) / 2
            corpo.append(
                _fmt(
                    '<path d="M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}" fill="none" stroke="#5c6f82" '
                    'stroke-width="1.5" marker-end="url(#freccia)"/>',
                    sx,
                    sy,
                    sx,
                    mid,
                    ex,
                    mid,
                    ex,
                    ey,
                )
            )
    for elemento in elementi:
        if elemento.pk not in posizioni:
            continue
        x, y, larghezza = posizioni[elemento.pk]
        corpo.append(
            _fmt(
                '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" rx="6" fill="#ffffff" stroke="#0066cc" '
                'stroke-width="1.5"/>',
                x,
                y,
                larghezza,
                box_h,
            )
        )
        righe_testo = textwrap.wrap(elemento.titolo, width=max(int(larghezza / 7.5), 8))[:4]
        for k, riga in enumerate(righe_testo):
            corpo.append(_testo(x + larghezza / 2, y + 24 + k * 18, riga, size=13))
    descrizione = _("%(elementi)s elementi e %(collegamenti)s collegamenti causali; l'elenco segue il diagramma.") % {
        "elementi": len(elementi),
        "collegamenti": len(collegamenti),
    }
    return _svg(w, h, str(teoria), descrizione, corpo)


__all__ = ["escape", "matrice_svg", "radar_svg", "teoria_svg"]
