"""Metadata: document year and place from title, filename and text (sections: test_sections.py)."""

import pytest

from pipeline.ingest.meta import infer_doc_year, infer_place

REPORT = (
    "2026年青禾区政府工作报告\n各位代表：\n"
    "一、2025年工作回顾\n全区地区生产总值386.5亿元。\n"
    "二、2026年工作安排\n今年经济社会发展的主要预期目标是：增长6%左右。\n重点抓好五项工作。"
)


@pytest.mark.parametrize(
    "title,filename,text,year",
    [
        ("2026年上海市政府工作报告", None, None, 2026),
        ("云栖县2024年工作总结和2025年工作计划", None, None, 2024),
        ("二〇二五年青禾区政府工作报告", None, None, 2025),
        (None, "2026_湖南省_政府工作报告.csv", None, 2026),
        (None, "reports/qinghe-2023.txt", None, 2023),
        (None, None, "政府工作报告\n——2026年1月15日在青禾区第三届人民代表大会上", 2026),
        (None, None, "标题\n发布时间：2025-07-18 来源：统计局", 2025),
        (None, None, "2025年，我区经济运行总体平稳。", 2025),
        ("xx年计划生育工作总结", None, "xx年年,我区人口与计划生育工作平稳。", None),
        (None, "notes.txt", "全区人口153310人。", None),
        ("", "", "", None),
    ],
)
def test_infer_doc_year(title, filename, text, year):
    assert infer_doc_year(title, filename, text) == year


@pytest.mark.parametrize(
    "title,filename,text,place",
    [
        ("2026年上海市政府工作报告", None, None, "上海市"),
        ("2025年宁夏政府工作报告", None, None, "宁夏回族自治区"),
        ("江门市蓬江区2025年工作总结", None, None, "蓬江区"),
        ("2026年青禾区政府工作报告", None, None, "青禾区"),
        ("白沙镇2025年工作总结", None, None, "白沙镇"),
        ("关于云栖县统计工作的报告", None, None, "云栖县"),
        (None, "2026_湖南省_政府工作报告.csv", None, "湖南省"),
        (None, None, "工作报告\n——2026年2月3日在上海市第十六届人民代表大会第四次会议上", "上海市"),
        (None, None, "报告\n青禾区人民政府区长 林晓舟\n各位代表：", "青禾区"),
        ("xx镇xx年计划生育工作总结", None, "xx年年,我区人口与计划生育工作在区委的领导下", None),
        (None, "report.txt", "全区完成地区生产总值386.5亿元。", None),
    ],
)
def test_infer_place(title, filename, text, place):
    assert infer_place(title, filename, text) == place
