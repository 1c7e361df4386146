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
