"""Cleaning: each noise pattern goes, body text stays, and offsets map back."""

import pytest

from pipeline.ingest.clean import classify_line, clean_text

BODY = "全区地区生产总值386.5亿元，同比增长6.2%。"


@pytest.mark.parametrize(
    "line,kind",
    [
        ("下载", "menu"),
        ("打印", "menu"),
        ("全屏", "menu"),
        ("收藏", "menu"),
        ("【字号：", "menu"),
        ("】", "menu"),
        ("下载 | 打印 | 全屏 | 收藏 | 【字号：大 中 小】", "menu"),
        ("分享到：微信 微博 QQ空间", "menu"),
        ("首页 > 政务公开 > 工作报告", "menu"),
        ("当前位置：首页 - 统计信息", "menu"),
        ("扫码关注公众号，免费下载全文", "ad"),
        ("本文来源于网络，如有侵权请联系删除", "ad"),
        ("版权所有：青禾区人民政府 ICP备20250001号", "ad"),
        ("上一篇：云栖县2024年工作总结", "nav"),
        ("下一篇：关于印发防汛方案的通知", "nav"),
        ("相关推荐", "trailer"),
        ("猜你喜欢", "trailer"),
        ("文档为doc格式", "doc_note"),
        ("", "empty"),
        (BODY, "body"),
        ("2025", "body"),
        ("一、2025年工作回顾", "body"),
        ("全年软件下载量增长12%，网络收藏品交易额3.2亿元。", "body"),
    ],
)
def test_classify_line(line, kind):
    assert classify_line(line) == kind


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n" + BODY, BODY),
        (BODY + "\n文档为doc格式", BODY),
        (BODY + "【打印】【关闭】", BODY),
        ("文档为doc格式" + BODY, BODY),
        (BODY + "\n上一篇：青禾区工作总结\n下一篇：云栖县统计公报", BODY),
        (BODY + "\n相关推荐\n青禾区2025年政府工作报告\n云栖县统计公报", BODY),
        (BODY + "\n猜你喜欢\n白沙镇工作小结\n" + BODY, BODY + "\n" + BODY),
        ("　　" + BODY + "  \r\n\r\n\n" + BODY, BODY + "\n" + BODY),
        (BODY + "\n免费下载全文，扫码关注公众号", BODY),
    ],
)
def test_clean_removes_noise(raw, expected):
    assert clean_text(raw).text == expected


@pytest.mark.parametrize(
    "raw,hidden",
    [
        ("惠及居民6200余户。……此处隐藏2046个字……二、工作安排", 2046),
        ("区人口计生局、教育局、 ……此处隐藏8187个字……有效补救。", 8187),
        ("开展活动...此处隐藏 15 个字...全年", 15),
    ],
)
def test_gap_kept_verbatim(raw, hidden):
    cleaned = clean_text(raw)
    assert cleaned.text == raw
    ((start, end, n),) = cleaned.gaps
    assert n == hidden and "此处隐藏" in cleaned.text[start:end]


def test_offsets_map_every_character():
    raw = (
        "下载\n打印\n　　标题\n"
        + BODY
        + "【打印】\n相关推荐\n链接一\n"
        + BODY
        + "\n文档为doc格式\n"
    )
    cleaned = clean_text(raw)
    assert len(cleaned.offsets) == len(cleaned.text)
    for i, ch in enumerate(cleaned.text):
        assert raw[cleaned.offsets[i]] == ch
    start = cleaned.text.index("386.5亿元")
    ostart, oend = cleaned.offsets.to_original(start, start + 7)
    assert raw[ostart:oend] == "386.5亿元"


def test_gap_does_not_become_a_quantity():
    blank = pytest.importorskip("pipeline.build").blank
    nlp = blank()
    if "govie_quantities" not in nlp.factory_names:
        pytest.skip("quantity component not available")
    nlp.add_pipe("govie_sentences")
    nlp.add_pipe("govie_quantities")
    cleaned = clean_text("惠及居民6200余户。……此处隐藏2046个字……城镇新增就业4120人。")
    doc = nlp(cleaned.text)
    ((gap_start, gap_end, _),) = cleaned.gaps
    assert [e.text for e in doc.ents if e.label_ == "QTY"] == ["6200余户", "4120人"]
    assert not [e for e in doc.ents if gap_start <= e.start_char < gap_end]
