"""govie: facts out of Chinese government reports.

    import pipeline
    nlp = pipeline.load()
    doc = nlp("2025年全区地区生产总值增长5.5%。")
    doc._.facts
"""

from .build import assemble, blank, load
from .extensions import register_extensions

__all__ = ["load", "assemble", "blank", "register_extensions"]

try:  # the quantity parser is a pure function usable without spaCy pipelines
    from .numbers import Quantity, parse_quantity  # noqa: F401

    __all__ += ["Quantity", "parse_quantity"]
except ImportError:  # pragma: no cover - only while the numbers package is being built
    pass

__version__ = "0.1.0"
