"""Table tests for pipeline.numbers: numerals, parse_quantity and find_quantities.

The tables are ours (written for these tests) and are also read by
``bench/bench_quantities.py``, which runs them through cn2an and jionlp.
"""

import math

import pytest

from pipeline.errors import GovieError
from pipeline.numbers import Quantity, find_quantities, load_units, parse_quantity
from pipeline.numbers.numerals import normalise, parse_numeral
from pipeline.numbers.parse import load_units as load_units_from

# numeral → value
NUMERAL_CASES = [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十五", 25), ("一百", 100),
    ("一百零五", 105), ("一千五百五十二", 1552), ("两千", 2000), ("两千万", 20_000_000),
    ("十二万八千", 128_000), ("三亿五千万", 350_000_000), ("一亿零五百万", 105_000_000),
    ("十7", 17), ("二十3", 23), ("1,100万", 11_000_000), ("5.3万亿", 5.3e12), ("万亿", 1e12),
    ("百亿亿", 1e18), ("51313百", 5_131_300), ("二点四", 2.4), ("一点五万", 15_000),
    ("一千五", 1500), ("一万五", 15_000), ("二〇二五", 2025), ("零点五", 0.5), ("１２３４", 1234),
    ("3千万", 30_000_000), ("九千九百九十九", 9999), ("一千零一", 1001), ("百万", 1_000_000),
    ("四十万", 400_000), ("十亿", 1e9), ("0.42万", 4200), ("1,234,567", 1_234_567),
]  # fmt: skip

# expression → (value, unit, approx); a fifth element is value_high
PARSE_CASES = [
    # plain numbers and units
    ("153310人", 153310, "人", False), ("5名", 5, "名", False), ("21期", 21, "期", False),
    ("22358份", 22358, "份", False), ("304例", 304, "例", False), ("17宗", 17, "宗", False),
    ("86户", 86, "户", False), ("1200人次", 1200, "人次", False), ("3.5倍", 3.5, "倍", False),
    ("111.44", 111.44, "", False), ("93.94%", 93.94, "%", False), ("10.10‰", 10.10, "‰", False),
    ("1.03个百分点", 1.03, "个百分点", False), ("0.8百分点", 0.8, "个百分点", False),
    ("2个千分点", 2, "个千分点", False), ("340.20万元", 3_402_000, "元", False),
    ("5.8万亿元", 5.8e12, "元", False), ("27.6万户", 276_000, "户", False),
    ("2100多人", 2100, "人", True), ("12亿美元", 1.2e9, "美元", False),
    ("800万元人民币", 8_000_000, "元", False), ("45公里", 45, "公里", False),
    ("3.2万亩", 32_000, "亩", False), ("18.6万吨", 186_000, "吨", False),
    ("66平方公里", 66, "平方公里", False), ("2.3万平方米", 23_000, "平方米", False),
    ("120万千瓦", 1_200_000, "千瓦", False), ("35亿千瓦时", 3.5e9, "千瓦时", False),
    ("4.1亿立方米", 4.1e8, "立方米", False), ("600万吨标准煤", 6e6, "吨标准煤", False),
    ("51313百羽", 5_131_300, "羽", False), ("8千米", 8, "千米", False), ("50千克", 50, "千克", False),
    ("220千伏", 220, "千伏", False), ("300兆瓦", 300, "兆瓦", False), ("26公顷", 26, "公顷", False),
    ("12.5公斤", 12.5, "公斤", False), ("700亿斤", 7e10, "斤", False), ("3000亿度", 3e11, "度", False),
    ("4.8万P", 48_000, "P", False), ("1200万标准箱", 1.2e7, "标准箱", False),
    ("28微克/立方米", 28, "微克/立方米", False), ("32微克每立方米", 32, "微克每立方米", False),
    ("900元/月", 900, "元/月", False), ("25吨/日", 25, "吨/日", False), ("0.35元/人", 0.35, "元/人", False),
    ("81.3岁", 81.3, "岁", False), ("45天", 45, "天", False), ("6金", 6, "金", False),
    ("2.1万套（间）", 21_000, "套（间）", False), ("15辆（台）", 15, "辆（台）", False),
    ("9条（段）", 9, "条（段）", False), ("120辆（艘、架、列）次", 120, "辆（艘、架、列）次", False),
    ("430 张", 430, "张", False), ("92.6 万亩", 926_000, "亩", False), ("628人 次", 628, "人次", False),
    ("1000m2", 1000, "平方米", False), ("36座", 36, "座", False), ("7所", 7, "所", False),
    ("16家", 16, "家", False), ("4件", 4, "件", False), ("11项", 11, "项", False), ("9个", 9, "个", False),
    ("3场次", 3, "场次", False), ("5架次", 5, "架次", False), ("2批次", 2, "批次", False),
    ("120颗", 120, "颗", False), ("3000株", 3000, "株", False), ("60头", 60, "头", False),
    ("12艘", 12, "艘", False), ("8列", 8, "列", False), ("40条", 40, "条", False),
    ("14张", 14, "张", False), ("3部", 3, "部", False), ("6轮", 6, "轮", False),
    ("88起", 88, "起", False), ("5对", 5, "对", False), ("24只", 24, "只", False),
    ("9种", 9, "种", False), ("7处", 7, "处", False), ("3台", 3, "台", False), ("2支", 2, "支", False),
    ("4届", 4, "届", False), ("10盘", 10, "盘", False), ("30合", 30, "合", False),
    ("500尾", 500, "尾", False), ("4回", 4, "回", False), ("6枚", 6, "枚", False),
    ("2个等级", 2, "个等级", False), ("70厘米", 70, "厘米", False), ("15克/千克", 15, "克/千克", False),
    ("3.6分/千瓦时", 3.6, "分/千瓦时", False), ("6000次/秒", 6000, "次/秒", False),
    ("5款", 5, "款", False), ("12路", 12, "路", False), ("2套", 2, "套", False),
    ("90万人", 900_000, "人", False), ("1.6万", 16_000, "", False), ("420万", 4_200_000, "", False),
    # Chinese and mixed numerals
    ("一千五百五十二人", 1552, "人", False), ("两千万元", 2e7, "元", False),
    ("十二万八千元", 128_000, "元", False), ("十7", 17, "", False), ("两次", 2, "次", False),
    ("三名", 3, "名", False), ("五百多户", 500, "户", True), ("三百多万人", 3e6, "人", True),
    ("千余家", 1000, "家", True), ("百万辆", 1e6, "辆", False), ("万亿元", 1e12, "元", False),
    ("千亿元", 1e11, "元", False), ("百亿美元", 1e10, "美元", False), ("亿度", 1e8, "度", False),
    ("万列", 10_000, "列", False), ("百亿亿", 1e18, "", False), ("两千瓦", 2, "千瓦", False),
    # full-width and signs
    ("１２３４", 1234, "", False), ("１２３４人", 1234, "人", False), ("－2.1%", -2.1, "%", False),
    ("-0.5%", -0.5, "%", False), ("+3.2%", 3.2, "%", False), ("５．５％", 5.5, "%", False),
    ("1,100万", 11_000_000, "", False), ("1,100万元", 11_000_000, "元", False),
    ("12,345人", 12345, "人", False), ("２．３万亿元", 2.3e12, "元", False),
    # percent words, tenths, fractions, multiples, ratios
    ("百分之十五", 15, "%", False), ("百分之五十", 50, "%", False), ("千分之二点四", 2.4, "‰", False),
    ("百分之三点五", 3.5, "%", False), ("四成", 40, "%", False), ("八成以上", 80, "%", True),
    ("两成", 20, "%", False), ("九成", 90, "%", False), ("3成", 30, "%", False), ("一半", 50, "%", False),
    ("1/3", 1 / 3, "", False), ("1/10以上", 0.1, "", True), ("三分之一", 1 / 3, "", False),
    ("四分之三", 0.75, "", False), ("两番", 2, "番", False), ("一番", 1, "番", False),
    ("2.9∶1", 2.9, "", False), ("2.50:1", 2.5, "", False), ("104∶100", 104, "", False),
    ("105.95:100", 105.95, "", False), ("4.5倍", 4.5, "倍", False), ("1.7倍", 1.7, "倍", False),
    # approximators inside (in the span) and before (outside the span)
    ("5000余户", 5000, "户", True), ("5万余个", 50_000, "个", True), ("300余万元", 3e6, "元", True),
    ("20多项", 20, "项", True), ("3000多万", 3e7, "", True), ("13%左右", 13, "%", True),
    ("550亿斤左右", 5.5e10, "斤", True), ("20微克/立方米左右", 20, "微克/立方米", True),
    ("90%以上", 90, "%", True), ("800亿斤以上", 8e10, "斤", True), ("5%以内", 5, "%", True),
    ("3600个左右", 3600, "个", True), ("100余万人次", 1e6, "人次", True), ("50多盘", 50, "盘", True),
    ("约5%", 5, "%", True), ("约1个百分点", 1, "个百分点", True), ("近千人", 1000, "人", True),
    ("近八成", 80, "%", True), ("超过80%", 80, "%", True), ("超1000亿元", 1e11, "元", True),
    ("突破7000公里", 7000, "公里", True), ("突破万亿元", 1e12, "元", True), ("逾300家", 300, "家", True),
    ("超千亿元", 1e11, "元", True), ("上万人", 10_000, "人", True), ("近一半", 50, "%", True),
    ("约3.2万户", 32_000, "户", True), ("超5成", 50, "%", True), ("逾两成", 20, "%", True),
    # ranges
    ("5%—6%", 5, "%", False, 6), ("5%-5.5%", 5, "%", False, 5.5), ("5—6%", 5, "%", False, 6),
    ("3至5万元", 30_000, "元", False, 50_000), ("30-40万", 300_000, "", False, 400_000),
    ("1至3个", 1, "个", False, 3), ("2～3倍", 2, "倍", False, 3), ("10—15天", 10, "天", False, 15),
    ("1.5万—2万人", 15_000, "人", False, 20_000), ("6%~7%", 6, "%", False, 7),
]  # fmt: skip

NOT_QUANTITIES = ["", "人", "二十五六", "辆（台）", "十四五", "5G", "二十大", "PM2.5", "abc", "第三", "%"]


@pytest.mark.parametrize("numeral,expected", NUMERAL_CASES)
def test_parse_numeral(numeral, expected):
    assert math.isclose(parse_numeral(numeral), expected, rel_tol=1e-9)


@pytest.mark.parametrize("case", PARSE_CASES, ids=[c[0] for c in PARSE_CASES])
def test_parse_quantity(case):
    text, value, unit, approx, *high = case
    q = parse_quantity(text)
    assert q is not None
    assert math.isclose(q.value, value, rel_tol=1e-9)
    assert (q.unit, q.approx) == (unit, approx)
    if high:
        assert math.isclose(q.value_high, high[0], rel_tol=1e-9)
    else:
        assert q.value_high is None


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_parse_quantity_rejects(text):
    assert parse_quantity(text) is None


def test_quantity_is_frozen():
    q = Quantity(1.0, "人")
    with pytest.raises(AttributeError):
        q.value = 2.0  # type: ignore[misc]


def test_normalise_keeps_length():
    text = "增长５．５％，达１２３４人（－2.1%）"
    assert len(normalise(text)) == len(text)
    assert normalise("１２３４") == "1234"


def test_unit_catalogue():
    units = load_units()
    assert len(units) >= 150
    assert units["万元" if "万元" in units else "元"] == ("元", "money")
    assert units["百分点"] == ("个百分点", "rate_point")
    assert {kind for _, kind in units.values()} >= {"count", "money", "area", "energy", "rate"}


def test_bad_catalogue_raises(tmp_path):
    path = tmp_path / "units.tsv"
    path.write_text("人\n", encoding="utf8")
    with pytest.raises(GovieError, match="E202"):
        load_units_from.__wrapped__(path)

# sentence → the quantities find_quantities returns, as (span, value, unit, approx)
FIND_CASES = [
    ("全镇户籍人口23410人，比上年增加86人。", [("23410人", 23410, "人", False), ("86人", 86, "人", False)]),
    ("全县生产总值达到340.20万元。", [("340.20万元", 3_402_000, "元", False)]),
    ("粮食总产量约12.6万吨。", [("12.6万吨", 126_000, "吨", True)]),
    ("新增就业近千人。", [("千人", 1000, "人", True)]),
    ("外贸进出口超过500亿元。", [("500亿元", 5e10, "元", True)]),
    ("游客人数突破1200万人次。", [("1200万人次", 1.2e7, "人次", True)]),
    ("引进企业逾300家。", [("300家", 300, "家", True)]),
    ("投资总额超80亿元，增长12%。", [("80亿元", 8e9, "元", True), ("12%", 12, "%", False)]),
    ("发放宣传资料3200余份。", [("3200余份", 3200, "份", True)]),
    ("培训农民2100多人次。", [("2100多人次", 2100, "人次", True)]),
    ("失业率控制在4.5%左右。", [("4.5%左右", 4.5, "%", True)]),
    ("满意率保持在95%以上。", [("95%以上", 95, "%", True)]),
    ("出生率为9.86‰，下降0.42个千分点。", [("9.86‰", 9.86, "‰", False), ("0.42个千分点", 0.42, "个千分点", False)]),
    ("城镇化率提高1.2个百分点。", [("1.2个百分点", 1.2, "个百分点", False)]),
    ("两项指标分别回落1.5和0.8个百分点。", [("1.5", 1.5, "个百分点", False), ("0.8个百分点", 0.8, "个百分点", False)]),
    ("三类企业分别增长3.1%、4.2%和5.3%。", [("3.1%", 3.1, "%", False), ("4.2%", 4.2, "%", False), ("5.3%", 5.3, "%", False)]),
    ("收入比由2.6∶1缩小至2.3∶1。", [("2.6∶1", 2.6, "", False), ("2.3∶1", 2.3, "", False)]),
    ("男女比例为106:100。", [("106:100", 106, "", False)]),
    ("三次产业结构为6.1∶38.2∶55.7。", [("6.1", 6.1, "", False), ("38.2", 38.2, "", False), ("55.7", 55.7, "", False)]),
    ("性别比为108.5，比上年下降。", [("108.5", 108.5, "", False)]),
    ("满意度从82.1提升至86.4。", [("82.1", 82.1, "", False), ("86.4", 86.4, "", False)]),
    ("财政收入增长百分之十五。", [("百分之十五", 15, "%", False)]),
    ("死亡率为千分之二点四。", [("千分之二点四", 2.4, "‰", False)]),
    ("乡村学校覆盖率超过四成。", [("四成", 40, "%", True)]),
    ("九成以上的村通了客车。", [("九成以上", 90, "%", True)]),
    ("农村用户约占全县1/3。", [("1/3", 1 / 3, "", True)]),
    ("产值五年翻一番。", [("一番", 1, "番", False)]),
    ("利润增长2.4倍。", [("2.4倍", 2.4, "倍", False)]),
    ("预计增长5%—6%。", [("5%—6%", 5, "%", False)]),
    ("每户补助3至5万元。", [("3至5万元", 30_000, "元", False)]),
    ("全年出栏生猪51313百头。", [("51313百头", 5_131_300, "头", False)]),
    ("装机容量达到120万千瓦。", [("120万千瓦", 1_200_000, "千瓦", False)]),
    ("发电量35亿千瓦时。", [("35亿千瓦时", 3.5e9, "千瓦时", False)]),
    ("供水能力4.1亿立方米。", [("4.1亿立方米", 4.1e8, "立方米", False)]),
    ("改造棚户区2.3万平方米。", [("2.3万平方米", 23_000, "平方米", False)]),
    ("全市常住人口1,100万人。", [("1,100万人", 11_000_000, "人", False)]),
    ("投入资金１２３４万元。", [("１２３４万元", 12_340_000, "元", False)]),
    ("价格指数下降－2.1%。", [("－2.1%", -2.1, "%", False)]),
    ("共慰问一千五百五十二户。", [("一千五百五十二户", 1552, "户", False)]),
    ("筹集资金两千万元。", [("两千万元", 2e7, "元", False)]),
    ("出口突破万亿元。", [("万亿元", 1e12, "元", True)]),
    ("建成保障房2.1万套（间）。", [("2.1万套（间）", 21_000, "套（间）", False)]),
    ("低保标准从700元/月提高到760元/月。", [("700元/月", 700, "元/月", False), ("760元/月", 760, "元/月", False)]),
    ("细颗粒物浓度为28微克/立方米。", [("28微克/立方米", 28, "微克/立方米", False)]),
    ("人均预期寿命达到80.5岁。", [("80.5岁", 80.5, "岁", False)]),
    ("空气优良天数增加12天。", [("12天", 12, "天", False)]),
    ("运动员获得7金、4银、2铜。", [("7金", 7, "金", False), ("4银", 4, "银", False), ("2铜", 2, "铜", False)]),
    ("面积 92.6 万亩，单产 341 公斤。", [("92.6 万亩", 926_000, "亩", False), ("341 公斤", 341, "公斤", False)]),
    ("420万群众受益。", [("420万", 4_200_000, "", False)]),
    ("有3000多万农民参保。", [("3000多万", 3e7, "", True)]),
    ("领导两次到村调研。", [("两次", 2, "次", False)]),
    ("全县共有上万人参加。", [("万人", 10_000, "人", True)]),
    # exclusions: ordinals, list markers, names, dates, streaks, qualifiers, task counts
    ("一、2025年工作回顾", []),
    ("（二）强化创新驱动。", []),
    ("第三，抓好基层工作。", []),
    ("2014年全县经济平稳。", []),
    ("1至11月经济运行平稳。", []),
    ("2022-11-25 13:19:19 发布", []),
    ("编制“十四五”规划。", []),
    ("学习贯彻党的二十大精神。", []),
    ("召开十7大会议。", []),
    ("建成5G基站。", []),
    ("深入践行“三个代表”重要思想。", []),
    ("推进“两无”创建。", []),
    ("PM2.5平均浓度下降。", []),
    ("连续3年获评先进。", []),
    ("连续18个月保持增长。", []),
    ("建设30万吨级航道。", []),
    ("新增4A级景区。", []),
    ("实施亿元以上项目。", []),
    ("行政村和20户以上自然村通硬化路。", []),
    ("建成500千伏变电站。", []),
    ("出台21条措施。", []),
    ("完成20项民生实事。", []),
    ("连跨两个万亿元台阶。", []),
    ("落实中央八项规定精神。", []),
    ("坚决做到“两个维护”。", []),
    ("推进一批重大项目。", []),
    ("进一步优化环境。", []),
    ("统一大市场加快建设。", []),
    ("每万人口拥有医生。", []),
    ("咨询电话12345热线。", []),
    ("全文共1507字，当前显示476字。", []),
    ("……此处隐藏8187个字……", []),
    ("居全国第5位。", []),
    ("全国前三。", []),
    ("“1571”工作部署。", []),
    ("构建“1+6”体系。", []),
    ("G60科创走廊。", []),
    ("T800碳纤维。", []),
    ("省十四届人大三次会议。", []),
    ("国际机场三期工程。", []),
    ("近年来发展较快。", []),
    ("五年来成绩显著。", []),
    ("实现1小时通达。", []),
    ("抗战胜利80周年。", []),
    ("6.4级地震。", []),
    ("完成1%人口抽样调查。", []),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", FIND_CASES, ids=[c[0][:12] for c in FIND_CASES])
def test_find_quantities(text, expected):
    found = find_quantities(text)
    got = [(m.text, m.quantity.unit, m.quantity.approx) for m in found]
    assert got == [(span, unit, approx) for span, _, unit, approx in expected]
    for match, (span, value, _, _) in zip(found, expected):
        assert text[match.start : match.end] == span
        assert math.isclose(match.quantity.value, value, rel_tol=1e-9)


def test_table_size():
    total = len(NUMERAL_CASES) + len(PARSE_CASES) + len(NOT_QUANTITIES) + len(FIND_CASES)
    assert total >= 300
