import pytest

from pipeline.years import explicit_year, is_masked, plan_period_year, resolve_year


@pytest.mark.parametrize(
    "text,base,expected",
    [
        ("2014年", None, 2014),
        ("2025年底", 2026, 2025),
        ("二〇二三年", None, 2023),
        ("上年", 2025, 2024),
        ("去年", 2025, 2024),
        ("去年同期", 2025, 2024),
        ("今年", 2026, 2026),
        ("当年", 2019, 2019),
        ("明年", 2022, 2023),
        ("前年", 2022, 2020),
        ("年底", 2025, 2025),
        ("一季度", 2024, 2024),
        ("1至11月", 2024, 2024),
        ("上半年", None, None),
        ("今年", None, None),
        ("xx年", 2014, None),
        ("xx年年", None, None),
        ("20xx年", 2020, None),
        ("__年", 2020, None),
        ("“十四五”时期", 2026, 2025),
        ("十三五末", 2026, 2020),
        ("“十五五”", 2026, 2030),
        ("五年来", 2025, 2025),
        ("过去一年", 2025, 2025),
    ],
)
def test_resolve_year(text, base, expected):
    assert resolve_year(text, base) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("2025年工作回顾", 2025), ("一九九八年", 1998), ("第3年", None), ("12月", None)],
)
def test_explicit_year(text, expected):
    assert explicit_year(text) == expected


@pytest.mark.parametrize("text,expected", [("xx年", True), ("XX年", True), ("2020年", False)])
def test_is_masked(text, expected):
    assert is_masked(text) is expected


def test_plan_period_year():
    assert plan_period_year("“十四五”规划") == 2025
    assert plan_period_year("今年") is None
