"""Numbers in Chinese government text: numerals, units and quantity expressions."""

from .find import QuantityMatch, find_quantities
from .parse import Quantity, load_units, parse_quantity

__all__ = ["Quantity", "QuantityMatch", "find_quantities", "load_units", "parse_quantity"]
