"""Doc extensions, registered once by :func:`register_extensions`.

Extensions hold plain values only (offsets, labels, floats), never Span objects,
so Docs pickle and serialise cheaply.
"""

from spacy.tokens import Doc

DOC_EXTENSIONS: dict[str, object] = {
    # {"doc_id", "doc_year", "doc_place", "sections": [[start, end, year, kind]]}
    "meta": None,
    # [{"start", "end", "value", "value_high", "unit", "approx", "kind", "text"}]
    "quantities": None,
    # [{"qty": [s, e], "ind": [s, e] | None, ..., "value", "unit", ...}] per ANNOTATION.md
    "facts": None,
    # [[start, end, probability]] of the IND spans govie_indicators chose
    "indicator_scores": None,
}


TEXT_KEY = "govie_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc and kept in ``doc.user_data``.

    spaCy joins every token on each ``doc.text``; our tokens are characters, and eight
    components read the text, so that join was an eighth of the pipeline's time. The
    cached text is checked against the Doc's length (a Doc's text never changes; a new
    Doc made from a span gets its own).
    """
    cached = doc.user_data.get(TEXT_KEY)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if cached is None or len(cached) != end:
        cached = doc.text
        doc.user_data[TEXT_KEY] = cached
    return cached


def register_extensions() -> None:
    """Register govie's Doc extensions; calling it again is a no-op."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
