import pytest

from pipeline import linking
from tests.markup import parse_markup, qty_by_text, surface

# (marked text, quantity, expected IND, DATE, LOC)
LINKS = [
    ("[地区生产总值|IND]增长[5.5%|QTY]。", "5.5%", "地区生产总值", None, None),
    ("[一般公共预算收入|IND][2180亿元|QTY]，同比增长[3.1%|QTY]。", "3.1%", "一般公共预算收入", None, None),
    ("建成[116个|QTY][示范村|IND]。", "116个", "示范村", None, None),
    ("为[78名|QTY][特困人员|IND]发放补贴。", "78名", "特困人员", None, None),
    ("[办证率|IND]和[验证率|IND]分别达到[95%|QTY]和[98%|QTY]。", "98%", "验证率", None, None),
    ("[办证率|IND]和[验证率|IND]分别达到[95%|QTY]和[98%|QTY]。", "95%", "办证率", None, None),
    ("[2024年|DATE]全市[粮食产量|IND][68万吨|QTY]。", "68万吨", "粮食产量", "2024年", None),
    ("[年末|DATE][常住人口|IND][312万人|QTY]，比[上年|DATE]末增加[2万人|QTY]。", "2万人", "常住人口", "年末", None),
    ("[产值|IND]比[去年|DATE]同期增长[8%|QTY]。", "8%", "产值", None, None),
    ("[收入|IND]由[2020年|DATE]的[2.9万元|QTY]提高到[3.8万元|QTY]。", "2.9万元", "收入", "2020年", None),
    ("[收入|IND]由[2020年|DATE]的[2.9万元|QTY]提高到[3.8万元|QTY]。", "3.8万元", "收入", None, None),
    ("[滇池新区|LOC][引进项目|IND][120个|QTY]。", "120个", "引进项目", None, "滇池新区"),
    ("完成[燕子桥|LOC]等[25座|QTY][桥梁|IND]整治。", "25座", "桥梁", None, None),
    ("对接[上海|LOC]，[新签项目|IND][35个|QTY]。", "35个", "新签项目", None, None),
    ("全年[出生|IND][912人|QTY]。上半年[死亡|IND][3人|QTY]。", "3人", "死亡", None, None),
]


@pytest.mark.parametrize("marked,qty,ind,date,loc", LINKS)
def test_links(marked, qty, ind, date, loc):
    text, ents = parse_markup(marked)
    q = qty_by_text(text, ents, qty)
    assert surface(text, linking.link_indicator(text, q, ents)) == ind
    assert surface(text, linking.link_date(text, q, ents)) == date
    assert surface(text, linking.link_place(text, q, ents)) == loc


CHANGES = [
    ("[地区生产总值|IND]增长[5.5%|QTY]。", "5.5%", True),
    ("[人口自然增长率|IND]为[4.72‰|QTY]。", "4.72‰", False),
    ("[计划生育率|IND][95%|QTY]，比[上年|DATE]提高[0.8个百分点|QTY]。", "0.8个百分点", True),
    ("[计划生育率|IND][95%|QTY]，比[上年|DATE]提高[0.8个百分点|QTY]。", "95%", False),
    ("[城镇化率|IND]提高到[76.5%|QTY]。", "76.5%", False),
    ("[收入|IND]由[2.9万元|QTY]提高到[3.8万元|QTY]。", "2.9万元", False),
    ("[收入|IND]分别增长[4.4%|QTY]、[5.9%|QTY]。", "5.9%", True),
    ("[各项贷款|IND]新增[1.9万亿元|QTY]。", "1.9万亿元", True),
    ("[新增就业|IND][41万人|QTY]。", "41万人", False),
    ("[粮食产量|IND][68万吨|QTY]，比[上年|DATE]减少[1万吨|QTY]。", "1万吨", True),
    ("增速比全市高[0.4个百分点|QTY]。", "0.4个百分点", True),
]


@pytest.mark.parametrize("marked,qty,expected", CHANGES)
def test_is_change(marked, qty, expected):
    text, ents = parse_markup(marked)
    assert linking.is_change(text, qty_by_text(text, ents, qty), ents) is expected


TARGETS = [
    ("主要预期目标是：[地区生产总值|IND]增长[5%左右|QTY]。", "5%左右", None, True),
    ("力争[城镇新增就业|IND][40万人|QTY]。", "40万人", None, True),
    ("[一般公共预算收入|IND]完成[2.5亿元|QTY]，占[年计划|IND][3.2亿元|QTY]的80%。", "3.2亿元", None, True),
    ("[城镇新增就业|IND][41万人|QTY]。", "41万人", "review", False),
    ("[城镇新增就业|IND][40万人|QTY]以上。", "40万人", "targets", True),
    ("落实[计划生育|IND]奖励[120户|QTY]。", "120户", "review", False),
    ("争取[中央预算内投资|IND][237亿元|QTY]。", "237亿元", "review", False),
]


@pytest.mark.parametrize("marked,qty,kind,expected", TARGETS)
def test_is_target(marked, qty, kind, expected):
    text, ents = parse_markup(marked)
    assert linking.is_target(text, qty_by_text(text, ents, qty), kind) is expected


@pytest.mark.parametrize(
    "marked,qty,expected",
    [
        ("[收入|IND]从[796元|QTY]提高至[850元|QTY]。", "796元", True),
        ("[收入|IND]从[796元|QTY]提高至[850元|QTY]。", "850元", False),
        ("[收入|IND]增长[5%|QTY]。", "5%", False),
    ],
)
def test_is_from_level(marked, qty, expected):
    text, ents = parse_markup(marked)
    assert linking.is_from_level(text, qty_by_text(text, ents, qty)) is expected


def test_baseline_year_five_year_review():
    text = "这五年，[研发投入强度|IND]从2.7%提高到3.2%。"
    pos = text.index("2.7")
    qty = linking.Ent(pos, pos + 4, "QTY")
    assert linking.baseline_year(text, qty, 2025, "") == 2020
    assert linking.baseline_year("收入从796元提高至850元。", qty, 2025, "") == 2024
    assert linking.baseline_year(text, qty, None, "") is None
