"""govie: facts out of Chinese government reports.

    import pipeline
    nlp = pipeline.load()
    doc = nlp("2025年全区地区生产总值增长5.5%。")
    doc._.facts
"""

from .build import assemble, blank, load
from .extensions import register_extensions
from .numbers import Quantity, parse_quantity

__all__ = ["load", "assemble", "blank", "register_extensions", "Quantity", "parse_quantity"]
__version__ = "0.1.0"
