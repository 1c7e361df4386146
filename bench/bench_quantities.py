"""Our quantity table through govie, cn2an and jionlp, where each applies.

    .venv/bin/python bench/bench_quantities.py      (make bench-quantities)

Three tables from ``tests/test_numbers.py``:
- numerals (一千五百五十二, 十7, 5.3万亿 …): govie ``parse_numeral`` vs ``cn2an.cn2an``
  (smart mode) vs ``jionlp.parse_money`` (on the numeral + 元), value right;
- expressions (340.20万元, 约5%, 3至5万元 …): govie ``parse_quantity`` on all rows (value,
  unit and approx right); cn2an on the bare-number rows; jionlp ``parse_money`` on the
  money rows (value and unit right; approx from its ``blur`` definition);
- sentences: govie ``find_quantities`` vs ``jionlp.ner.extract_money`` on money spans
  (span text and value right), as P/R/F.
Speed (µs per call) is printed beside accuracy; speed is never asserted in tests.
"""

from __future__ import annotations

import logging
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.numbers import find_quantities, parse_quantity  # noqa: E402
from pipeline.numbers.numerals import parse_numeral  # noqa: E402
from tests.test_numbers import FIND_CASES, NUMERAL_CASES, PARSE_CASES  # noqa: E402

MONEY = ("元", "美元")


def close(a, b) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6)
    except (TypeError, ValueError):
        return False


def run(fn: Callable, rows: list, check: Callable) -> tuple[int, int, float]:
    """(right, total, µs per call); an exception counts as wrong."""
    right, start = 0, time.perf_counter()
    for row in rows:
        try:
            right += bool(check(fn(row[0]), row))
        except Exception:  # noqa: BLE001 - a peer failing on a row is a wrong answer
            pass
    elapsed = (time.perf_counter() - start) / max(len(rows), 1) * 1e6
    return right, len(rows), elapsed


def line(table: str, tool: str, result: tuple[int, int, float]) -> None:
    right, total, micros = result
    acc = right / total if total else 0.0
    print(f"{table:<34} {tool:<22} {right:>4}/{total:<4} {acc:7.1%} {micros:9.1f} µs")


def bench_numerals(cn2an, jio) -> None:
    def check(value, row):
        return close(value, row[1])

    line("numerals", "govie", run(parse_numeral, NUMERAL_CASES, check))
    if cn2an:
        line("numerals", "cn2an (smart)", run(lambda s: cn2an.cn2an(s, "smart"), NUMERAL_CASES, check))
    if jio:
        def money(s):
            return jio.parse_money(s + "元")["num"]

        line("numerals", "jionlp parse_money", run(money, NUMERAL_CASES, check))


def bench_expressions(cn2an, jio) -> None:
    def full(q, row):
        high = row[4] if len(row) > 4 else None
        same_high = (q.value_high is None) == (high is None) and (high is None or close(q.value_high, high))
        return q and close(q.value, row[1]) and q.unit == row[2] and q.approx == row[3] and same_high

    line("expressions (value, unit, approx)", "govie", run(parse_quantity, PARSE_CASES, full))
    bare = [r for r in PARSE_CASES if r[2] == "" and not r[3] and len(r) == 4
            and not any(c in r[0] for c in ":∶/之")]
    line("expressions: bare numbers", "govie", run(parse_quantity, bare, lambda q, r: q and close(q.value, r[1])))
    if cn2an:
        line("expressions: bare numbers", "cn2an (smart)",
             run(lambda s: cn2an.cn2an(s, "smart"), bare, lambda v, r: close(v, r[1])))
    money = [r for r in PARSE_CASES if r[2] in MONEY]
    line("expressions: money", "govie", run(parse_quantity, money, full))
    if jio:
        def jio_check(result, row):
            num = result["num"]
            low = num[0] if isinstance(num, list) else num
            blur = result.get("definition", "").startswith("blur") and not isinstance(num, list)
            return close(low, row[1]) and result["case"] == row[2] and blur == row[3]

        line("expressions: money", "jionlp parse_money", run(jio.parse_money, money, jio_check))


def bench_sentences(jio) -> None:
    """Money spans in the sentence table: P/R/F of (offsets, value).

    govie must match the span exactly; jionlp puts prefixes (达到, 超过) inside its spans,
    so an overlapping span with the right value counts for it.
    """
    gold = [
        [(text.find(s), text.find(s) + len(s), v) for s, v, u, _ in spans if u in MONEY]
        for text, spans in FIND_CASES
    ]

    def ours(text):
        found = find_quantities(text)
        return [(m.start, m.end, m.quantity.value) for m in found if m.quantity.unit in MONEY]

    tools: dict[str, tuple[Callable, bool]] = {"govie": (ours, True)}
    if jio:
        def theirs(text):
            out = []
            for ent in jio.ner.extract_money(text, with_parsing=True):
                num = ent["detail"]["num"]
                out.append((*ent["offset"], float(num[0] if isinstance(num, list) else num)))
            return out

        tools["jionlp extract_money"] = (theirs, False)
    for name, (fn, exact) in tools.items():
        tp = fp = fn_ = 0
        start = time.perf_counter()
        for (text, _), want in zip(FIND_CASES, gold):
            try:
                pred = fn(text)
            except Exception:  # noqa: BLE001
                pred = []
            hits = sum(any(_same(p, w, exact) for w in want) for p in pred)
            tp, fp, fn_ = tp + hits, fp + len(pred) - hits, fn_ + len(want) - hits
        micros = (time.perf_counter() - start) / len(FIND_CASES) * 1e6
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn_) if tp + fn_ else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{'sentences: money spans':<34} {name:<22} P {p:.3f} R {r:.3f} F {f:.3f} {micros:9.1f} µs")


def _same(pred: tuple, want: tuple, exact: bool) -> bool:
    if not close(pred[2], want[2]):
        return False
    if exact:
        return pred[:2] == want[:2]
    return pred[0] < want[1] and want[0] < pred[1]


def bench_throughput() -> None:
    """find_quantities over our sentence table joined and repeated (~0.5 MB of text)."""
    text = "".join(text for text, _ in FIND_CASES) * 200
    start = time.perf_counter()
    count = len(find_quantities(text))
    seconds = time.perf_counter() - start
    print(f"{'throughput: find_quantities':<34} {'govie':<22} {len(text) / seconds / 1e6:.2f} M chars/s "
          f"({len(text)} chars, {count} quantities, {seconds:.2f} s)")


def load_peers():
    logging.disable(logging.WARNING)
    try:
        import cn2an
    except ImportError:
        cn2an = None
    try:
        import jionlp as jio
    except ImportError:
        jio = None
    return cn2an, jio


def main() -> None:
    cn2an, jio = load_peers()
    print(f"{'table':<34} {'tool':<22} {'right':>9} {'acc':>7} {'speed':>12}")
    bench_numerals(cn2an, jio)
    bench_expressions(cn2an, jio)
    bench_sentences(jio)
    bench_throughput()
    if not (cn2an and jio):
        print("(install cn2an and jionlp into the venv to compare them)")


if __name__ == "__main__":
    main()
