"""Screenshots of the document view and the report, for a look by eye (``make screenshots``).

    python bench/screenshots.py [--samples corpus/samples/ingest] [--out out/views]

Extracts the samples (``pipeline.batch.extract``, one worker) into OUT/extract, writes
OUT/show.html (every sample document) and OUT/report.html, plus OUT/report_demo.html
from a small hand-written extract with indicators, then saves a PNG of each page with
headless Chromium (Debian's ``chromium``; ``fonts-noto-cjk`` for the Chinese glyphs).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.batch.rows import FACT_COLUMNS  # noqa: E402
from pipeline.views.render import page, render, show_file  # noqa: E402
from pipeline.views.report import write_report  # noqa: E402

logger = logging.getLogger("screenshots")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]
# a hand-written extract: two places, three years, targets, one failed input
DEMO_DOCS = [
    {"doc_id": "d1", "source": "demo/青禾区2025.txt", "status": "ok", "title": "青禾区2025年政府工作报告",
     "doc_year": 2025, "doc_place": "青禾区", "n_facts": 6},
    {"doc_id": "d2", "source": "demo/云栖县2025.txt", "status": "ok", "title": "云栖县2025年政府工作报告",
     "doc_year": 2025, "doc_place": "云栖县", "n_facts": 5},
    {"doc_id": "d3", "source": "demo/broken.zip", "member": "a.doc", "status": "error",
     "error": "[E103] demo/broken.zip::a.doc looks binary (NUL bytes); no text extracted."},
]
DEMO_FACTS = [
    ("d1", "地区生产总值", 3.52e10, "元", 2023, "青禾区", False, False),
    ("d1", "地区生产总值", 3.71e10, "元", 2024, "青禾区", False, False),
    ("d1", "地区生产总值", 3.865e10, "元", 2025, "青禾区", False, False),
    ("d1", "地区生产总值", 6.0, "%", 2026, "青禾区", True, True),
    ("d1", "地区生产总值", 6.2, "%", 2025, "青禾区", True, False),
    ("d1", "城镇新增就业", 4120, "人", 2025, "青禾区", False, False),
    ("d2", "地区生产总值", 1.44e10, "元", 2023, "云栖县", False, False),
    ("d2", "地区生产总值", 1.528e10, "元", 2024, "云栖县", False, False),
    ("d2", "地区生产总值", 5.7, "%", 2024, "云栖县", True, False),
    ("d2", "城镇新增就业", 2300, "人", 2025, "云栖县", False, False),
    ("d2", "粮食总产量", 1.26e5, "吨", 2025, "云栖县", False, False),
]


DEMO_TEXT = (
    "一、2025年工作回顾\n"
    "过去一年，青禾区地区生产总值达到386.5亿元，同比增长6.2%；一般公共预算收入21.3亿元，增长4.8%。"
    "云栖县粮食总产量12.6万吨，比上年增加0.4万吨。\n"
    "二、2026年工作安排\n今年主要预期目标是：地区生产总值增长6%左右，城镇新增就业4000人以上。"
)
DEMO_ENTS = [("2025年", "DATE"), ("过去一年", "DATE"), ("青禾区", "LOC"), ("地区生产总值", "IND"),
             ("386.5亿元", "QTY"), ("6.2%", "QTY"), ("一般公共预算收入", "IND"), ("21.3亿元", "QTY"),
             ("4.8%", "QTY"), ("云栖县", "LOC"), ("粮食总产量", "IND"), ("12.6万吨", "QTY"),
             ("0.4万吨", "QTY"), ("2026年", "DATE"), ("今年", "DATE"), ("地区生产总值", "IND"), ("6%左右", "QTY"),
             ("城镇新增就业", "IND"), ("4000人以上", "QTY")]
# (qty, ind, date, loc, value, unit, year, change, target); a name is its first occurrence
DEMO_DOC_FACTS = [
    ("386.5亿元", "地区生产总值", "过去一年", "青禾区", 3.865e10, "元", 2025, False, False),
    ("6.2%", "地区生产总值", "过去一年", "青禾区", 6.2, "%", 2025, True, False),
    ("21.3亿元", "一般公共预算收入", "过去一年", "青禾区", 2.13e9, "元", 2025, False, False),
    ("4.8%", "一般公共预算收入", "过去一年", "青禾区", 4.8, "%", 2025, True, False),
    ("12.6万吨", "粮食总产量", None, "云栖县", 1.26e5, "吨", 2025, False, False),
    ("0.4万吨", "粮食总产量", None, "云栖县", 4e3, "吨", 2025, True, False),
    ("6%左右", "地区生产总值", "今年", None, 6.0, "%", 2026, True, True),
    ("4000人以上", "城镇新增就业", "今年", None, 4000, "人", 2026, False, True),
]


def demo_doc():
    """A hand-made processed Doc with indicators, places and years (as a trained model gives)."""
    import pipeline

    nlp = pipeline.blank()
    doc = nlp.make_doc(DEMO_TEXT)
    pos = 0
    for surface, label in DEMO_ENTS:
        pos = DEMO_TEXT.index(surface, pos)
        doc.ents = [*doc.ents, doc.char_span(pos, pos + len(surface), label=label)]
        pos += len(surface)

    def span(surface, qty=None):
        """The occurrence of ``surface`` nearest before the number (else after it)."""
        if surface is None:
            return None
        at = DEMO_TEXT.index(qty) if qty else len(DEMO_TEXT)
        start = DEMO_TEXT.rfind(surface, 0, at)
        start = DEMO_TEXT.index(surface) if start < 0 else start
        return [start, start + len(surface)]

    doc._.meta = {"doc_id": "demo", "doc_year": 2026, "doc_place": "青禾区"}
    doc._.facts = [
        {"qty": span(q), "ind": span(i, q), "date": span(d, q), "loc": span(loc, q), "value": v,
         "value_high": None, "unit": u, "approx": False, "year": y, "change": c, "target": t,
         "confidence": 0.9}
        for q, i, d, loc, v, u, y, c, t in DEMO_DOC_FACTS
    ]
    return doc


def run_extract(samples: Path, out_dir: Path) -> None:
    """The samples' extract output in ``out_dir`` (JSONL)."""
    from pipeline.batch import extract

    extract([samples], out_dir, fmt="jsonl", workers=1, overwrite=True, progress=False)


def _qty_text(value: float, unit: str) -> str:
    if unit == "元" and value >= 1e8:
        return f"{value / 1e8:g}亿元"
    if unit == "吨" and value >= 1e4:
        return f"{value / 1e4:g}万吨"
    return f"{value:g}{unit}"


def write_demo(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    facts = []
    for i, (doc_id, ind, value, unit, year, place, change, target) in enumerate(DEMO_FACTS):
        row = dict.fromkeys(FACT_COLUMNS)
        row.update({"doc_id": doc_id, "fact_id": f"{doc_id}-{i:04d}", "qty_text": _qty_text(value, unit),
                    "ind_text": ind, "value": value, "unit": unit, "year": year, "place": place,
                    "change": change, "target": target, "approx": False, "confidence": 0.9})
        facts.append(row)
    for name, rows in (("documents", DEMO_DOCS), ("facts", facts)):
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        (out_dir / f"{name}.jsonl").write_text(lines, encoding="utf8")


def screenshot(html: Path, png: Path, size: str = "1400,2000") -> bool:
    """A PNG of ``html`` by headless Chromium; False when Chromium is missing or fails."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        logger.warning("chromium not found: apt-get install -y chromium fonts-noto-cjk")
        return False
    with tempfile.TemporaryDirectory() as profile:
        cmd = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
               f"--window-size={size}", html.resolve().as_uri()]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or not png.exists():
        logger.warning("chromium failed on %s: %s", html, done.stderr[-500:])
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "corpus" / "samples" / "ingest")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "views")
    parser.add_argument("--show", type=Path, default=None,
                        help="input for the document view (default: the 2026 sample report)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    run_extract(args.samples, out / "extract")
    write_demo(out / "demo_extract")
    show_input = args.show or args.samples / "qinghe_2026_report_utf8.txt"
    show_file(show_input, out / "show.html")
    (out / "show_demo.html").write_text(page([render(demo_doc(), title="demo (hand-made facts)")]),
                                        encoding="utf8")
    write_report(out / "extract", out / "report.html")
    write_report(out / "demo_extract", out / "report_demo.html")
    for name in ("show", "show_demo", "report", "report_demo"):
        if screenshot(out / f"{name}.html", out / f"{name}.png"):
            logger.info("wrote %s", out / f"{name}.png")


if __name__ == "__main__":
    main()
