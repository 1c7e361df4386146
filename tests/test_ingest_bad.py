"""Bad input never stops a batch: each bad file or member yields one IngestError."""

import gzip
import io
import json
import tarfile
import zipfile

import pytest

from pipeline.ingest import Document, IngestError, Limits, iter_documents

GOOD = "青禾区全年地区生产总值386.5亿元，同比增长6.2%。城镇新增就业4120人。"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _encrypted(data: bytes) -> bytes:
    """Set the 'encrypted' flag in the local and central headers of a zip."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = out.find(sig)
        while i >= 0:
            out[i + offset] |= 0x1
            i = out.find(sig, i + 4)
    return bytes(out)


def _tar_gz(members: dict[str, bytes]) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue())


def _run(tmp_path, name: str, data: bytes, limits: Limits | None = None):
    """Ingest ``name`` between two good files; return the records for ``name`` only."""
    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "z_good.txt").write_text(GOOD, encoding="utf-8")
    paths = [tmp_path / "a_good.txt", tmp_path / name, tmp_path / "z_good.txt"]
    records = list(iter_documents(paths, limits=limits))
    assert isinstance(records[0], Document) and isinstance(records[-1], Document)
    return records[1:-1]


NESTED3 = _zip({"l1.zip": _zip({"l2.zip": _zip({"deep.txt": GOOD.encode()})})})


@pytest.mark.parametrize(
    "name,data,codes",
    [
        ("empty.txt", b"", ["E102"]),
        ("blank.txt", b" \n\r\n\t ", ["E102"]),
        ("chrome_only.txt", "下载\n打印\n全屏\n收藏\n".encode(), ["E102"]),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, ["E103"]),
        ("noise.txt", bytes((i * 37 + 128) % 128 + 128 for i in range(4000)), ["E104"]),
        ("truncated.zip", _zip({"a.txt": GOOD.encode() * 50})[:200], ["E106"]),
        ("encrypted.zip", _encrypted(_zip({"secret.txt": GOOD.encode()})), ["E107"]),
        ("bomb.zip", _zip({"zeros.txt": b"0" * (4 << 20)}), ["E108"]),
        ("nested.zip", NESTED3, ["E109"]),
        ("truncated.tar.gz", _tar_gz({"a.txt": GOOD.encode() * 200})[:150], ["E106"]),
        ("report.pdf", b"%PDF-1.4 ...", ["E110"]),
        ("broken.docx", GOOD.encode(), ["E114"]),
        ("bad.jsonl", b'{"text": "ok 1"\n[1, 2]\n{"title": "x"}\n', ["E112", "E112", "E113"]),
        ("bad.gz", b"\x1f\x8b\x08\x00garbage", ["E106"]),
    ],
)
def test_bad_input_yields_errors(tmp_path, name, data, codes):
    records = _run(tmp_path, name, data)
    assert [r.code for r in records if isinstance(r, IngestError)] == codes
    assert all(name in r.source for r in records)
    assert all(r.reason.startswith(f"[{c}]") for r, c in zip(records, codes))


def test_nested_within_depth_is_read(tmp_path):
    data = _zip({"inner.zip": _zip({"deep.txt": GOOD.encode()}), "top.txt": GOOD.encode()})
    records = _run(tmp_path, "two_levels.zip", data)
    assert sorted(r.member for r in records) == ["inner.zip::deep.txt", "top.txt"]
    assert all(isinstance(r, Document) and r.text == GOOD for r in records)


def test_errors_name_the_member(tmp_path):
    data = _zip({"ok.txt": GOOD.encode(), "empty.txt": b"", "img.txt": b"\x00\x01\x02" * 100})
    records = _run(tmp_path, "mixed.zip", data)
    errors = {r.member: r.code for r in records if isinstance(r, IngestError)}
    assert errors == {"empty.txt": "E102", "img.txt": "E103"}
    assert [r.member for r in records if isinstance(r, Document)] == ["ok.txt"]


def test_total_expanded_size_is_capped(tmp_path):
    members = {f"m{i}.txt": GOOD.encode() * 20 for i in range(5)}
    limits = Limits(max_total=3 * len(GOOD.encode()) * 20 + 10)
    records = _run(tmp_path, "many.zip", _zip(members), limits)
    assert [r.code for r in records if isinstance(r, IngestError)] == ["E108"]
    assert len([r for r in records if isinstance(r, Document)]) == 3


def test_member_over_limit(tmp_path):
    data = _tar_gz({"big.txt": GOOD.encode() * 100, "small.txt": GOOD.encode()})
    records = _run(tmp_path, "bundle.tgz", data, Limits(max_bytes=1000))
    assert [getattr(r, "code", "doc") for r in records] == ["E105", "doc"]


def test_single_line_50mb(tmp_path):
    big = tmp_path / "one_line.txt"
    with big.open("wb") as f:
        for _ in range(50):
            f.write(b"a" * (1 << 20))
    records = list(iter_documents([big, tmp_path / "missing.txt"]))
    assert [r.code for r in records] == ["E105", "E115"]


def test_jsonl_long_line_is_skipped(tmp_path):
    path = tmp_path / "long.jsonl"
    with path.open("wb") as f:
        f.write(b'{"text": "' + b"x" * (3 << 20) + b'"}\n')
        f.write(json.dumps({"text": GOOD}, ensure_ascii=False).encode() + b"\n")
    records = list(iter_documents([path], limits=Limits(max_bytes=1 << 20)))
    assert records[0].code == "E105" and records[0].member == "#1"
    assert isinstance(records[1], Document) and records[1].member == "#2"
