"""The fixed held-out split of ../shared/train used for model selection."""

import hashlib


def is_dev(name: str, tenths: int) -> bool:
    """Whether document ``name`` is held out (``tenths`` of ten hash buckets)."""
    return int(hashlib.md5(name.encode()).hexdigest(), 16) % 10 < tenths
