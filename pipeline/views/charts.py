"""Small inline-SVG charts (no JavaScript, no CDN): lines over years, horizontal bars.

Each mark carries its numbers in ``data-*`` attributes and a ``<title>`` tooltip, so a
page stays checkable by a parser and readable offline.
"""

from __future__ import annotations

import math
from html import escape

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc948", "#9c755f")
FONT = 'font-family="Noto Sans CJK SC,Noto Sans SC,Microsoft YaHei,sans-serif"'


def fmt_num(value: float) -> str:
    """386.5亿, 12.6万, 5.4 (at most 4 significant digits)."""
    a = abs(value)
    for scale, suffix in ((1e8, "亿"), (1e4, "万")):
        if a >= scale:
            return f"{value / scale:.4g}{suffix}"
    return f"{value:.4g}"


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]."""
    if hi <= lo:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while t < hi + step * 0.999:
        ticks.append(round(t, 10))
        t += step
    return ticks


def _svg(width: int, height: int, body: list[str], cls: str) -> str:
    return (
        f'<svg class="{cls}" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {FONT} font-size="11">' + "".join(body) + "</svg>"
    )


def line_chart(series: dict[str, list[tuple[int, float, bool]]], width: int = 400, height: int = 230,
               colors: dict[str, str] | None = None) -> str:
    """One line per series (place) over years; hollow markers are targets.

    ``colors`` keeps a place's colour the same across charts (else the palette in order).
    """
    colors = colors or {}
    points = [p for pts in series.values() for p in pts]
    years = sorted({p[0] for p in points})
    values = [p[1] for p in points]
    ticks = nice_ticks(min(0.0, min(values)), max(values))
    left, right, top, bottom = 54, 12, 18, 24 + 16 * math.ceil(len(series) / 3)
    plot_w, plot_h = width - left - right, height - top - bottom
    span = (years[-1] - years[0]) or 1

    def x(year: int) -> float:
        inset = 24  # room for the value labels of the first and last points
        return left + (plot_w / 2 if len(years) == 1 else inset + (year - years[0]) / span * (plot_w - 2 * inset))

    def y(value: float) -> float:
        return top + plot_h - (value - ticks[0]) / (ticks[-1] - ticks[0]) * plot_h

    body = _y_axis(ticks, y, left, width - right)
    labelled = len(series) <= 3 and len(points) <= 12  # few points: print their values
    for year in years:
        body.append(f'<text x="{x(year):.1f}" y="{top + plot_h + 14}" text-anchor="middle" fill="#555">{year}</text>')
    for k, (name, pts) in enumerate(series.items()):
        color = colors.get(name) or PALETTE[k % len(PALETTE)]
        actual = sorted((p for p in pts if not p[2]), key=lambda p: p[0])
        if len(actual) > 1:
            path = " ".join(f"{x(p[0]):.1f},{y(p[1]):.1f}" for p in actual)
            body.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        for year, value, target in pts:
            fill = "#fff" if target else color
            tip = f"{name} {year}: {fmt_num(value)}{' (target)' if target else ''}"
            body.append(
                f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="3.5" fill="{fill}" stroke="{color}" '
                f'stroke-width="1.5" data-place="{escape(name)}" data-year="{year}" data-value="{value}" '
                f'data-target="{int(target)}"><title>{escape(tip)}</title></circle>'
            )
            if labelled:
                body.append(f'<text x="{x(year):.1f}" y="{y(value) - 7:.1f}" text-anchor="middle" '
                            f'fill="{color}" font-size="10">{fmt_num(value)}</text>')
        lx, ly = left + (k % 3) * (plot_w / 3), top + plot_h + 30 + 16 * (k // 3)
        body.append(f'<rect x="{lx:.1f}" y="{ly - 8}" width="10" height="10" fill="{color}"/>')
        body.append(f'<text x="{lx + 14:.1f}" y="{ly + 1}" fill="#333">{escape(_short(name, 10))}</text>')
    return _svg(width, height, body, "govie-chart govie-line")


def bar_chart(bars: list[tuple[str, float, bool]], width: int = 400, label_w: int = 120) -> str:
    """Horizontal bars, one per label (place or document); hollow bars are targets."""
    row, top = 20, 6
    values = [b[1] for b in bars]
    ticks = nice_ticks(min(0.0, min(values)), max(values), 4)
    height = top + row * len(bars) + 22
    plot_w = width - label_w - 56  # room for the value right of the longest bar

    def x(value: float) -> float:
        return label_w + (value - ticks[0]) / (ticks[-1] - ticks[0]) * plot_w

    body = []
    for t in ticks:
        body.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top}" y2="{height - 18}" stroke="#eee"/>')
        body.append(f'<text x="{x(t):.1f}" y="{height - 6}" text-anchor="middle" fill="#777">{fmt_num(t)}</text>')
    for i, (label, value, target) in enumerate(bars):
        y0 = top + i * row
        x0, x1 = sorted((x(0.0), x(value)))
        fill = 'fill="#fff" stroke="#4e79a7"' if target else 'fill="#4e79a7"'
        body.append(
            f'<text x="{label_w - 6}" y="{y0 + 14}" text-anchor="end" fill="#333">{escape(_short(label, 16))}'
            f"<title>{escape(label)}</title></text>"
        )
        body.append(
            f'<rect x="{x0:.1f}" y="{y0 + 3}" width="{max(x1 - x0, 1):.1f}" height="{row - 6}" {fill} '
            f'data-label="{escape(label)}" data-value="{value}" data-target="{int(target)}">'
            f"<title>{escape(label)}: {fmt_num(value)}</title></rect>"
        )
        body.append(f'<text x="{x1 + 4:.1f}" y="{y0 + 14}" fill="#555">{fmt_num(value)}</text>')
    return _svg(width, height, body, "govie-chart govie-bar")


def _y_axis(ticks: list[float], y, left: int, right: int) -> list[str]:
    out = []
    for t in ticks:
        out.append(f'<line x1="{left}" x2="{right}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end" fill="#777">{fmt_num(t)}</text>')
    return out


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
