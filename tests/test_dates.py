import pytest

from pipeline.components.dates import find_dates


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2025年全区出生120人。", ["2025年"]),
        ("到二〇三五年基本实现现代化。", ["二〇三五年"]),
        ("比上年增长5%。", ["上年"]),
        ("在八、九月份开展集中服务。", ["八、九月份"]),
        ("元旦春节期间开展宣传。", ["元旦春节期间"]),
        ("降幅为近三年来最大。", ["近三年来"]),
        ("今后五年要建成示范区。", ["今后五年"]),
        ("“十四五”时期成效显著。", ["“十四五”时期"]),
        ("连续5年保持增长。", []),
        ("一、二、三项工作", []),
    ],
)
def test_find_dates(text, expected):
    assert [text[s:e] for s, e in find_dates(text)] == expected
