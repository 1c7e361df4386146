"""Person names the NER types as places: a name right after a title, and masked names.

The NER tags short names it does not know by their look, and a two- or three-character
name after a title (所长 周明远, 乡长 冯 岚) often looks like a place to it. A title in
front, or 同志 after, settles it when the name starts with a common surname and does not
end like a place (镇, 县, 区 …). Scraped pages also mask names (主要领导***同志, 副县长
*** 多次…); ANNOTATION.md types a masked name as the name it hides.

The surname list is ours (the common Chinese surnames, written out by hand): a derived
list would add rare surnames that are also common first characters of places.
"""

from __future__ import annotations

import re

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
    "顾毛郝龚邵万钱严覃武戴莫孔向汤冉常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧"
    "耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冼蓝骆路游辛靳管柴蒙鲍"
    "华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# a title or role right before a name (副县长 ends in 县长)
TITLE = (
    r"(?:书记|省长|市长|县长|区长|州长|镇长|乡长|主席|主任|所长|局长|院长|校长|站长|队长|厂长|"
    r"经理|部长|处长|科长|股长|委员|干事|会长|社长|馆长|组长|秘书长|教授|院士|律师|医生|教师|"
    r"老师|民警|警官|记者|英雄|模范|楷模|烈士|军人|运动员)"
)
TITLE_BEFORE = re.compile(TITLE + r"\s*$")
TITLE_AFTER = ("同志",)
# a surname, then one or two characters, with at most one space as written (冯 岚)
PERSON_SHAPE = re.compile(r"^[\u4e00-\u9fff]\s?[\u4e00-\u9fff]{1,2}$")
PLACE_END = set("省市县区镇乡村州盟旗街湖河江山岛路")
MASK = r"(?:\*{2,4}|[xX×]{2,3}|某某)"
# a masked name after a leader's title, or before 同志
MASKED_PERSON = re.compile(
    rf"(?<=书记|县长|区长|镇长|乡长|主任|局长|所长|市长|省长)\s*({MASK})(?=同志|\s|[，,、。])"
    rf"|({MASK})(?=同志)"
)
# a name after a title whose end the text shows: spaces around it, or a list comma, a
# stop, 同志 or 等 after it
SPACED_PERSON = re.compile(TITLE + r"\s+([\u4e00-\u9fff]\s?[\u4e00-\u9fff]{1,2})(?=\s|[，,、。；;）)])")
CLOSED_PERSON = re.compile(TITLE + r"([\u4e00-\u9fff]{2,3})(?=[、，,。；;]|同志|等)")


def looks_like_person(name: str) -> bool:
    """Surname + one or two characters, not ending like a place."""
    return bool(PERSON_SHAPE.match(name)) and name[0] in SURNAMES and name[-1] not in PLACE_END


def titled_person(text: str, start: int, end: int) -> bool:
    """The name ``text[start:end]`` stands after a title or before 同志 and looks like a person."""
    if not looks_like_person(text[start:end]):
        return False
    before = text[max(0, start - 6) : start]
    return bool(TITLE_BEFORE.search(before)) or text.startswith(TITLE_AFTER, end)


def masked_persons(text: str) -> list[tuple[int, int]]:
    """Masked names in a person's place: ``[(start, end)]``."""
    spans = []
    for match in MASKED_PERSON.finditer(text):
        group = 1 if match.group(1) else 2
        spans.append((match.start(group), match.end(group)))
    return spans


def delimited_persons(text: str) -> list[tuple[int, int]]:
    """Names after a title that end where the text shows it: set off by spaces (区委书记
    周明远 与…; 8 of 8 are PER in ../shared/train and our annotations), or followed by a
    list comma, a stop, 同志 or 等 (镇党委书记王建军、镇长…; 20 of 20): ``[(start, end)]``."""
    found = []
    for pattern in (SPACED_PERSON, CLOSED_PERSON):
        found += [(m.start(1), m.end(1)) for m in pattern.finditer(text) if looks_like_person(m.group(1))]
    return sorted(set(found))
