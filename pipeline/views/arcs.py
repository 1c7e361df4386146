"""Facts drawn as arcs: from each number to its indicator, year (DATE) and place (LOC).

Tokens are characters, so the layout is ours: each sentence holding facts becomes one
or more rows of inline SVG with every character at a known x, the entities as coloured
boxes, and arcs above the text. Long stretches without a linked entity are elided (…),
and a sentence with many facts is cut into rows that fit ``max_width``.
"""

from __future__ import annotations

import unicodedata
from html import escape

from ..linking import sentence_of

COLORS = {
    "QTY": "#f9c74f", "IND": "#c3a6ff", "DATE": "#ffb38a", "LOC": "#90e0a8",
    "ORG": "#9ed8f5", "PER": "#f7a8c8",
}
LINKS = (("ind", "indicator", "#7b4fd6"), ("date", "year", "#e0701a"), ("loc", "place", "#2e9d57"))
WIDE, NARROW = 17, 9  # px per character at font-size 15
NARROW_WIDTHS = {".": 5, ",": 5, ":": 5, " ": 5, "%": 13, "-": 6, "~": 9}
PAD = 40  # room right of the text for the year under the last number
TEXT_H, LEVEL_H, FOOT_H = 26, 17, 16
KEEP, CONTEXT = 5, 4  # characters kept at each side of an elided gap; context around a row


def char_width(c: str) -> int:
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return WIDE
    return NARROW_WIDTHS.get(c, NARROW)


def _fact_spans(fact: dict) -> list[tuple[int, int]]:
    return [tuple(fact[k]) for k in ("qty", "ind", "date", "loc") if fact.get(k)]


def _visible(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> list[int | None]:
    """Character offsets shown in [lo, hi): spans kept whole, long gaps elided (None = …)."""
    inside = [False] * (hi - lo)
    for s, e in spans:
        for i in range(max(s, lo), min(e, hi)):
            inside[i - lo] = True
    shown: list[int | None] = []
    i = lo
    while i < hi:
        if inside[i - lo]:
            shown.append(i)
            i += 1
            continue
        j = i
        while j < hi and not inside[j - lo]:
            j += 1
        edge_left, edge_right = i == lo, j == hi
        if j - i > 2 * KEEP + 1 and not (edge_left or edge_right):
            shown += [*range(i, i + KEEP), None, *range(j - KEEP, j)]
        else:
            shown += range(i, j)
        i = j
    return shown


def _window(text: str, facts: list[dict]) -> tuple[int, int, list[tuple[int, int]]]:
    spans = [s for f in facts for s in _fact_spans(f)]
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    s_lo, s_hi = sentence_of(text, lo)[0], sentence_of(text, hi - 1)[1]
    return max(s_lo, lo - CONTEXT), min(s_hi, hi + CONTEXT), spans


def _width(text: str, facts: list[dict]) -> int:
    lo, hi, spans = _window(text, facts)
    return sum(WIDE if i is None else char_width(text[i]) for i in _visible(text, spans, lo, hi))


def fact_groups(text: str, facts: list[dict], max_width: int) -> list[list[dict]]:
    """Facts grouped by sentence, each group narrow enough for one row."""
    groups: list[list[dict]] = []
    last_sentence = None
    for fact in sorted(facts, key=lambda f: f["qty"][0]):
        sentence = sentence_of(text, fact["qty"][0])
        if groups and sentence == last_sentence and _width(text, [*groups[-1], fact]) <= max_width:
            groups[-1].append(fact)
        else:
            groups.append([fact])
        last_sentence = sentence
    return groups


def _levels(arcs: list[tuple[int, int]]) -> list[int]:
    """A level per arc (x1, x2): one above every arc it spans, as displaCy stacks them."""
    spans = [(min(a, b), max(a, b)) for a, b in arcs]
    order = sorted(range(len(spans)), key=lambda i: spans[i][1] - spans[i][0])
    levels = [0] * len(spans)
    for i in order:
        lo, hi = spans[i]
        inner = [levels[j] for j in order if levels[j] and lo <= spans[j][0] and spans[j][1] <= hi and j != i]
        crossing = [levels[j] for j in order if levels[j] and j != i and spans[j][0] < hi and lo < spans[j][1]]
        level = max(inner, default=0) + 1
        while level in crossing:
            level += 1
        levels[i] = level
    return levels


def arc_row(text: str, facts: list[dict], ents: list[tuple[int, int, str]]) -> str:
    """One SVG row: the window of ``facts`` with entity boxes and arcs."""
    lo, hi, spans = _window(text, facts)
    shown = _visible(text, spans, lo, hi)
    xs: dict[int, tuple[float, float]] = {}
    x, chars = 4.0, []
    for i in shown:
        c = "…" if i is None else text[i]
        w = WIDE if i is None else char_width(c)
        if i is not None:
            xs[i] = (x, x + w)
        chars.append((x + w / 2, "¶" if c == "\n" else c, i is None or c == "\n"))
        x += w
    buses: dict[tuple[float, str, str], list[float]] = {}  # (target x, relation, colour) -> numbers
    for fact in facts:
        q = _center(xs, fact["qty"])
        for key, name, color in LINKS:
            target = _center(xs, fact[key]) if fact.get(key) else None
            if target is not None and q is not None:
                buses.setdefault((target, name, color), []).append(q)
    keys = list(buses)
    levels = _levels([(min(k[0], *buses[k]), max(k[0], *buses[k])) for k in keys])
    top = (max(levels, default=0) + 1) * LEVEL_H
    base = top + 4
    parts = [_ent_boxes(ents, xs, base)]
    parts += [_char(cx, base + 18, c, grey) for cx, c, grey in chars]
    parts += [_bus(k[0], buses[k], level, base, k[1], k[2]) for k, level in zip(keys, levels)]
    parts += [_foot(fact, xs, base + TEXT_H + 11) for fact in facts]
    height = base + TEXT_H + FOOT_H
    return (
        f'<svg class="govie-arcs" xmlns="http://www.w3.org/2000/svg" width="{x + PAD:.0f}" '
        f'height="{height}" viewBox="0 0 {x + PAD:.0f} {height}">' + "".join(parts) + "</svg>"
    )


def _center(xs: dict[int, tuple[float, float]], span) -> float | None:
    inside = [xs[i] for i in range(span[0], span[1]) if i in xs]
    return (inside[0][0] + inside[-1][1]) / 2 if inside else None


def _ent_boxes(ents: list[tuple[int, int, str]], xs, base: int) -> str:
    out = []
    for start, end, label in ents:
        inside = [xs[i] for i in range(start, end) if i in xs]
        if inside and label in COLORS:
            x1, x2 = inside[0][0], inside[-1][1]
            out.append(
                f'<rect x="{x1:.1f}" y="{base}" width="{x2 - x1:.1f}" height="{TEXT_H - 2}" rx="4" '
                f'fill="{COLORS[label]}"><title>{label}</title></rect>'
            )
    return "".join(out)


def _char(cx: float, y: int, c: str, grey: bool) -> str:
    fill = ' fill="#999"' if grey else ""
    return f'<text x="{cx:.1f}" y="{y}" text-anchor="middle"{fill}>{escape(c)}</text>'


def _bus(target: float, sources: list[float], level: int, base: int, name: str, color: str) -> str:
    """Arcs from several numbers to one entity share a level: one line, a drop per number."""
    if len(sources) == 1:
        return _arc(sources[0], target, level, base, name, color)
    top = base - level * LEVEL_H
    lo, hi = min(target, *sources), max(target, *sources)
    drops = "".join(f"M{x:.1f},{base} L{x:.1f},{top}" for x in sources)
    path = f"M{lo:.1f},{top} L{hi:.1f},{top} {drops} M{target:.1f},{top} L{target:.1f},{base - 1}"
    head = f"M{target - 3.5:.1f},{base - 6} L{target:.1f},{base - 1} L{target + 3.5:.1f},{base - 6}"
    nearest = min(sources, key=lambda x: abs(x - target))
    mid = (target + nearest) / 2
    return (
        f'<g class="govie-arc" data-rel="{name}" data-n="{len(sources)}"><path d="{path}" fill="none" '
        f'stroke="{color}" stroke-width="1.5"/><path d="{head}" fill="none" stroke="{color}" '
        f'stroke-width="1.5"/><text x="{mid:.1f}" y="{top + 4}" text-anchor="middle" '
        f'class="govie-arc-label" fill="{color}" stroke="#fff" stroke-width="3" '
        f'paint-order="stroke">{name}</text></g>'
    )


def _arc(x1: float, x2: float, level: int, base: int, name: str, color: str) -> str:
    top = base - level * LEVEL_H
    r = min(8.0, abs(x2 - x1) / 2)
    sign = 1 if x2 > x1 else -1
    path = (
        f"M{x1:.1f},{base} L{x1:.1f},{top + r:.1f} Q{x1:.1f},{top} {x1 + sign * r:.1f},{top} "
        f"L{x2 - sign * r:.1f},{top} Q{x2:.1f},{top} {x2:.1f},{top + r:.1f} L{x2:.1f},{base - 1}"
    )
    head = f"M{x2 - 3.5:.1f},{base - 6} L{x2:.1f},{base - 1} L{x2 + 3.5:.1f},{base - 6}"
    mid = (x1 + x2) / 2
    return (
        f'<g class="govie-arc" data-rel="{name}"><path d="{path}" fill="none" stroke="{color}" '
        f'stroke-width="1.5"/><path d="{head}" fill="none" stroke="{color}" stroke-width="1.5"/>'
        f'<text x="{mid:.1f}" y="{top + 4}" text-anchor="middle" class="govie-arc-label" '
        f'fill="{color}" stroke="#fff" stroke-width="3" paint-order="stroke">{name}</text></g>'
    )


def _foot(fact: dict, xs, y: int) -> str:
    """The fact's year under its number (red for a target), its value on hover."""
    cx = _center(xs, fact["qty"])
    if cx is None:
        return ""
    year = "?" if fact.get("year") is None else str(fact["year"])
    color = "#c0392b" if fact.get("target") else "#555"
    label = year + ("·目标" if fact.get("target") else "")
    return (
        f'<text x="{cx:.1f}" y="{y}" text-anchor="middle" class="govie-foot" fill="{color}">'
        f"{escape(label)}<title>{escape(str(fact.get('value')))} {escape(str(fact.get('unit') or ''))}"
        f"</title></text>"
    )
