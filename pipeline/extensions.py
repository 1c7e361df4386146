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


def register_extensions() -> None:
    """Register govie's Doc extensions; calling it again is a no-op."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
