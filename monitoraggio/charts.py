"""Charts drawn on the server as SVG: WeasyPrint runs no JavaScript, and the PDF must carry the chart itself."""

from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 480, 170
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 44, 26, 14
BAR = "#0066cc"
TARGET = "#cc334d"
AXIS = "#5c6f82"


def bar_chart(points, *, title: str, target: Decimal | None = None) -> str:
    """A bar chart of ``[(period start, value)]`` by month, with an optional target line; safe SVG markup."""
    values = [float(value) for _start, value in points]
    top = max(values + ([float(target)] if target else []) + [1])
    inner_w, inner_h = WIDTH - MARGIN_LEFT - 6, HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    step = inner_w / max(len(points), 1)
    base = MARGIN_TOP + inner_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{MARGIN_LEFT}" y1="{base}" x2="{WIDTH - 6}" y2="{base}" stroke="{AXIS}"/>',
        f'<text x="{MARGIN_LEFT - 4}" y="{MARGIN_TOP + 4}" font-size="9" text-anchor="end" fill="{AXIS}">'
        f"{escape(number_format(top, 0, force_grouping=True))}</text>",
        f'<text x="{MARGIN_LEFT - 4}" y="{base}" font-size="9" text-anchor="end" fill="{AXIS}">0</text>',
    ]
    for index, ((start, _value), value) in enumerate(zip(points, values, strict=True)):
        height = inner_h * value / top
        x = MARGIN_LEFT + index * step + step * 0.15
        y = MARGIN_TOP + inner_h - height
        width = step * 0.7
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{BAR}"/>')
        label = escape(date_format(start, "M y"))
        centre = x + width / 2
        parts.append(f'<text x="{centre:.1f}" y="{HEIGHT - 10}" font-size="8" text-anchor="middle">{label}</text>')
    if target:
        y = MARGIN_TOP + inner_h - inner_h * float(target) / top
        line = f'x1="{MARGIN_LEFT}" y1="{y:.1f}" x2="{WIDTH - 6}" y2="{y:.1f}"'
        parts.append(f'<line {line} stroke="{TARGET}" stroke-dasharray="4 3"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text inside is escaped above
