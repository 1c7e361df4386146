import pytest

from pipeline.sections import context_at, detect_sections

REPORT = "\n".join([
    "省长 李某",
    "各位代表：",
    "一、2025年工作回顾",
    "过去一年，全省经济稳中有进。",
    "二、“十五五”时期主要目标任务",
    "到2030年，基本建成现代化产业体系。",
    "三、关于2026年工作",
    "今年主要预期目标是：地区生产总值增长5%左右。",
])


@pytest.mark.parametrize(
    "needle,year,kind",
    [
        ("各位代表", 2025, "review"),
        ("过去一年", 2025, "review"),
        ("到2030年", 2030, "targets"),
        ("今年主要", 2026, "targets"),
    ],
)
def test_report_sections(needle, year, kind):
    sections = detect_sections(REPORT, 2026)
    assert context_at(sections, REPORT.index(needle)) == (year, kind)


def test_sections_cover_text_in_order():
    sections = detect_sections(REPORT, 2026)
    assert sections[0][0] == 0 and sections[-1][1] == len(REPORT)
    assert all(a[1] == b[0] for a, b in zip(sections, sections[1:]))


def test_masked_year_stays_unknown():
    text = "xx年,我镇计生工作取得成效。\n一、xx年工作总结\n全镇出生120人。"
    assert context_at(detect_sections(text, None), text.index("全镇")) == (None, "review")


def test_summary_speaks_of_its_own_year():
    text = "镇民政办上半年工作总结\n上半年发放低保金20万元。"
    assert context_at(detect_sections(text, 2023), len(text) - 3) == (2023, "other")


def test_topic_heading_does_not_start_targets():
    text = "2014年工作总结\n一、贯彻落实计划生育目标管理责任制\n全区签订责任书120份。"
    assert context_at(detect_sections(text, 2014), len(text) - 3)[1] != "targets"


def test_targets_opening_line_without_heading():
    text = "今年是开局之年。\n今年经济社会发展的主要预期目标是：增长5%左右。"
    assert context_at(detect_sections(text, 2026), len(text) - 3) == (2026, "targets")


def test_hidden_gap_resets_unknown_year():
    text = "xx年全区出生120人。……此处隐藏512个字……全区办证100件。2019年共处理来信20件。"
    sections = detect_sections(text, None)
    assert context_at(sections, 3)[0] is None
    assert context_at(sections, text.index("办证"))[0] == 2019


def test_title_year_sets_opening_context():
    text = "青禾市2024年国民经济和社会发展统计公报\n年末常住人口312万人。"
    assert context_at(detect_sections(text, 2025), len(text) - 3)[0] == 2024


def _labels(text, doc_year):
    return [(text[s:e].split("\n", 1)[0][:6], year, kind) for s, e, year, kind in detect_sections(text, doc_year)]


# behaviours ported from the ingest metadata detector (one detector since then)
@pytest.mark.parametrize(
    "text,doc_year,expected",
    [
        (  # a dated work report: its opening reviews the year before, not the title's year
            "2026年青禾区政府工作报告\n各位代表：\n一、2025年工作回顾\n甲。\n二、2026年工作安排\n乙。",
            2026,
            [("2026年青", 2025, "review"), ("一、2025", 2025, "review"), ("二、2026", 2026, "targets")],
        ),
        (  # 今年是“十五五”开局之年 speaks of this year, not the period's last year
            "各位代表：\n今年是“十五五”开局之年。\n乙。",
            2026,
            [("各位代表：", 2025, "review"), ("今年是“十五", 2026, "targets")],
        ),
        (  # a review heading without a year in a report planning its own year
            "一、政府工作回顾\n甲。\n二、今年主要任务\n乙。",
            2026,
            [("一、政府工作", 2025, "review"), ("二、今年主要", 2026, "targets")],
        ),
        (
            "一、过去五年工作回顾\n甲。\n二、今年工作安排\n乙。",
            2026,
            [("一、过去五年", 2025, "review"), ("二、今年工作", 2026, "targets")],
        ),
        (  # 主要工作 names a plan when its year is the document's
            "各位代表：\n一、2025年工作回顾\n甲。\n二、2026年主要工作\n乙。",
            2026,
            [("各位代表：", 2025, "review"), ("一、2025", 2025, "review"), ("二、2026", 2026, "targets")],
        ),
        (
            "一、主要工作完成情况\n甲。\n二、2026年工作计划\n乙。",
            2025,
            [("一、主要工作", 2025, "review"), ("二、2026", 2026, "targets")],
        ),
        (
            "一、xx年工作回顾\n甲。\n二、xx年工作计划\n乙。",
            None,
            [("一、xx年工", None, "review"), ("二、xx年工", None, "targets")],
        ),
        ("一、“十四五”时期工作回顾\n甲。", 2026, [("一、“十四五", 2025, "review")]),
        (  # numbering restarting at 一 is an item list: its items are no sections
            "一、2025年工作回顾\n甲。\n二、2026年工作安排\n乙。\n一、2024年开工项目全部建成\n丙。",
            2026,
            [("一、2025", 2025, "review"), ("二、2026", 2026, "targets")],
        ),
        (  # a new part restarts the numbering
            "第一部分 2025年工作回顾\n一、2025年工作回顾\n甲。\n二、经济运行\n乙。\n"
            "第二部分 2026年工作安排\n一、2026年主要目标\n丙。",
            2026,
            [
                ("第一部分 2", 2025, "review"), ("一、2025", 2025, "review"),
                ("第二部分 2", 2026, "targets"), ("一、2026", 2026, "targets"),
            ],
        ),
        (  # Big5 reports keep traditional characters
            "各位代表：\n一、2025年工作回顧\n甲。\n二、2026年工作計劃\n乙。",
            2026,
            [("各位代表：", 2025, "review"), ("一、2025", 2025, "review"), ("二、2026", 2026, "targets")],
        ),
        ("一、存在的问题\n甲。", 2025, [("一、存在的问", 2025, "other")]),
        ("全区人口153310人。", 2025, [("全区人口15", 2025, "other")]),
        ("", 2025, []),
    ],
)
def test_ported_sections(text, doc_year, expected):
    assert _labels(text, doc_year) == expected
