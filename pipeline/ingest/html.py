"""Main text out of HTML with trafilatura, mapped back to offsets in the HTML source.

trafilatura finds the article and drops menus, scripts and ads but gives no offsets.
We walk the source with the standard HTML parser to list the visible characters with
their offsets, then align trafilatura's lines to them (whitespace ignored). When
trafilatura finds nothing, the visible text itself is used and cleaning removes chrome.
"""

from __future__ import annotations

import html as htmllib
import logging
from html.parser import HTMLParser

from .offsets import OffsetMap

logger = logging.getLogger(__name__)
HIDDEN = {"script", "style", "noscript", "template", "title"}
BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "td", "section"}
SPACE = " \t\r\n\f\v\u3000\xa0\u200b\ufeff"


class _Visible(HTMLParser):
    """Collect visible characters and their offsets in the source."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.hidden = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _add(self, text: str, pos: int, one_to_one: bool) -> None:
        if self.hidden:
            return
        for i, ch in enumerate(text):
            self.chars.append(ch)
            self.offsets.append(pos + i if one_to_one else pos)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self._add("\n", self._pos(), True)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data: str) -> None:
        self._add(data, self._pos(), True)

    def handle_entityref(self, name: str) -> None:
        self._add(htmllib.unescape(f"&{name};"), self._pos(), False)

    def handle_charref(self, name: str) -> None:
        self._add(htmllib.unescape(f"&#{name};"), self._pos(), False)


def visible_text(source: str) -> tuple[str, list[int]]:
    """The visible characters of ``source`` and the offset of each."""
    parser = _Visible(source)
    parser.feed(source)
    parser.close()
    return "".join(parser.chars), parser.offsets


def extract_html(source: str) -> tuple[str, str | None, OffsetMap]:
    """Return ``(text, title, map to source)`` for an HTML page."""
    import trafilatura

    vis, vis_offsets = visible_text(source)
    text, title = None, None
    try:
        result = trafilatura.bare_extraction(source, favor_recall=True, with_metadata=True)
    except Exception as err:  # trafilatura/lxml can fail on odd pages: fall back
        logger.warning("trafilatura failed (%s); using the visible text", err)
        result = None
    if result is not None:
        text, title = result.text, result.title
    if not text or not text.strip():
        return vis, title, OffsetMap.from_list(vis_offsets)
    return text, title, OffsetMap.from_list(align(text, vis, vis_offsets))


def align(text: str, vis: str, vis_offsets: list[int]) -> list[int]:
    """Source offset for each character of ``text`` found in order in ``vis``."""
    dense = [(i, ch) for i, ch in enumerate(vis) if ch not in SPACE]
    dense_text = "".join(ch for _, ch in dense)
    dense_pos = [i for i, _ in dense]
    out: list[int] = []
    cursor = 0
    for line in text.splitlines(keepends=True):
        core = "".join(ch for ch in line if ch not in SPACE)
        hit = dense_text.find(core, cursor) if core else -1
        k = hit if hit >= 0 else cursor
        for ch in line:
            if ch in SPACE:
                out.append(out[-1] + 1 if out else 0)
                continue
            if hit < 0:  # no exact line match: find the character itself
                found = dense_text.find(ch, k)
                k = found if found >= 0 else k
            pos = dense_pos[k] if k < len(dense_pos) else len(vis) - 1
            out.append(vis_offsets[pos] if vis_offsets else 0)
            k += 1
        cursor = max(cursor, min(k, len(dense_text)))
    return out
