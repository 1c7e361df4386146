"""Shared test fixtures: where ../shared is, and a small rule-only pipeline."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
requires_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared absent")
