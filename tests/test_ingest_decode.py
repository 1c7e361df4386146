"""Decoding: BOMs, strict UTF-8 first, charset-normalizer, binary and undecodable bytes."""

import random

import pytest

from pipeline.ingest.decode import DecodeFailure, decode_bytes, sniff_encoding

SIMPLE = "青禾区2025年工作总结。全年实现地区生产总值386.5亿元，同比增长6.2%。城镇新增就业4120人，新建农村公路58公里。"
TRADITIONAL = "雲棲縣2023年農業農村工作情況。全縣糧食總產量11.5萬噸，比上年增長2.6%。農村居民人均可支配收入18640元。"


@pytest.mark.parametrize(
    "data,text,encoding",
    [
        (SIMPLE.encode("utf-8"), SIMPLE, "utf-8"),
        (b"\xef\xbb\xbf" + SIMPLE.encode("utf-8"), SIMPLE, "utf-8-sig"),
        (SIMPLE.encode("gbk"), SIMPLE, "gb18030"),
        (SIMPLE.encode("gb18030"), SIMPLE, "gb18030"),
        (TRADITIONAL.encode("big5"), TRADITIONAL, "big5"),
        (SIMPLE.encode("utf-16"), SIMPLE, "utf-16"),
        (b"\xfe\xff" + SIMPLE.encode("utf-16-be"), SIMPLE, "utf-16"),
        (SIMPLE.encode("utf-32"), SIMPLE, "utf-32"),
        (b"plain ascii 2025", "plain ascii 2025", "utf-8"),
        (SIMPLE.encode("utf-16-le"), SIMPLE, "utf-16-le"),
        (SIMPLE.encode("utf-16-be"), SIMPLE, "utf-16-be"),
    ],
)
def test_decode(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


def _random_high(n: int) -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(n))


@pytest.mark.parametrize(
    "data,code",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "E103"),
        (b"\x00\x01\x02\x03\xff\xfe\xfd" * 50, "E103"),
        (b"\x00\x01\x02" * 100, "E103"),
        (b"abc\x01\x02\x03\x04def" * 100, "E103"),
        (_random_high(3000), "E104"),
        (b"\xef\xbb\xbf" + b"\xff\xfe\xfa" * 10, "E104"),
    ],
)
def test_bad_bytes(data, code):
    with pytest.raises(DecodeFailure) as info:
        decode_bytes(data)
    assert info.value.code == code


@pytest.mark.parametrize(
    "data,encoding",
    [
        (SIMPLE.encode("utf-8")[:-1], "utf-8"),  # a character cut at the end of the sample
        (SIMPLE.encode("gbk") * 3, "gb18030"),
        (b"\xef\xbb\xbfa,b\n", "utf-8-sig"),
    ],
)
def test_sniff_encoding(data, encoding):
    assert sniff_encoding(data) == encoding
