"""Remove page chrome, ads and trailers from scraped text, keeping an offset map.

Cleaning only deletes characters, never rewrites them, so every character of the
cleaned text is a character of the input (see ``OffsetMap``). It works line by line:

- chrome lines (menus: 下载 打印 全屏 收藏 【字号：加大 还原 减小】, breadcrumbs,
  share bars), ad lines (免费下载, 扫码关注, 如有侵权请联系删除 …), navigation
  (上一篇/下一篇), the 文档为doc格式 note and recommended-article trailers (a 相关推荐 /
  猜你喜欢 heading and the link-like lines after it) are dropped;
- inline chrome (【打印】【关闭】, 文档为doc格式) is cut out of body lines;
- leading/trailing whitespace and empty lines go; kept lines are joined by their own
  newline character.

Truncation marks (……此处隐藏8187个字……) are kept verbatim, so the text stays true to
the source and gold; they are listed in ``Cleaned.gaps`` as ``(start, end, hidden)``.
The quantity recogniser skips 此处隐藏N个字 (ANNOTATION.md: scraper counts are no QTY).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .offsets import OffsetMap

MENU_WORDS = (
    "下载 打印 全屏 收藏 分享到 分享 加大 还原 减小 字号 字体 默认 大 中 小 关闭窗口 关闭 "
    "打印本页 打印此页 返回顶部 返回首页 返回 首页 纠错 我要纠错 微信 微博 QQ空间 QQ 朋友圈 "
    "扫一扫在手机打开当前页 扫一扫 在手机打开当前页 复制链接 点赞 保存 浏览次数 访问量 "
    "手机版 电脑版 无障碍 繁体 简体 登录 注册 搜索 更多"
).split()
_MENU = re.compile(
    "^(?:"
    + "|".join(sorted(map(re.escape, MENU_WORDS), key=len, reverse=True))
    + r"|[0-9０-９]+)+$"
)
_MENU_PUNCT = re.compile(r"[\s【】\[\]［］：:|｜/·•()（）、>»<«\-_，,]+")
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|你的位置|首页\s*[>»/])")
_ADS = re.compile(
    r"广告|免费下载|点击下载|立即下载|下载文档|下载本文|下载全文|扫码关注|关注公众号|微信公众号|"
    r"本文来源于网络|版权归原作者|如有侵权|侵权请联系|联系删除|开通VIP|VIP专享|开通会员|"
    r"全文阅读已结束|已阅读到文档的结尾|免费阅读已结束|点击查看全文|展开阅读全文|"
    r"内容来自用户分享|不保证内容的准确性|原创力文档|文档贡献者|下载积分|版权声明|"
    r"ICP备|公网安备|Copyright|版权所有|责任编辑|^编辑[：:]|本文共\d+页|请点击下一页|未完待续"
)
_NAV = re.compile(r"^(?:上一篇|下一篇|上一页|下一页|前一篇|后一篇|上篇|下篇)\s*[：:]?")
_TRAILER = re.compile(
    r"^(?:相关推荐|猜你喜欢|相关文章|热门推荐|推荐阅读|延伸阅读|相关阅读|精彩推荐|热门文章|"
    r"最新文章|相关范文|推荐文章|热门阅读|相关链接|你可能感兴趣|您可能感兴趣)"
)
_DOC_NOTE = re.compile(r"文档为docx?格式")
_INLINE = re.compile(
    r"【(?:打印|关闭|收藏|字号[^】]{0,12}|大|中|小|打印本页|关闭窗口)】|\[(?:打印本页|关闭窗口|打印|关闭)\]"
    r"|文档为docx?格式"
)
GAP = re.compile(r"[…\.]{0,6}\s*此处隐藏\s*([0-9０-９]+)\s*个字\s*[…\.]{0,6}")
SPACES = " \t\r\f\v\u3000\xa0\ufeff\u200b"
MAX_LINK_LINE = 60


@dataclass
class Cleaned:
    """A cleaned text, its map to the input, its gaps and what was removed."""

    text: str
    offsets: OffsetMap
    gaps: list[tuple[int, int, int]] = field(default_factory=list)
    removed: Counter = field(default_factory=Counter)


def classify_line(line: str) -> str:
    """``body`` or the kind of noise a stripped line is."""
    if not line:
        return "empty"
    if _TRAILER.match(line) and len(line) <= 20:
        return "trailer"
    if _NAV.match(line):
        return "nav"
    if _DOC_NOTE.fullmatch(line):
        return "doc_note"
    if len(line) <= 120 and _ADS.search(line):
        return "ad"
    rest = _MENU_PUNCT.sub("", line)
    if (not rest and len(line) <= 20) or (_MENU.match(rest) and not rest.isdigit()):
        return "menu"
    if len(line) <= 120 and _BREADCRUMB.match(line):
        return "menu"
    return "body"


def _is_link_like(line: str) -> bool:
    return len(line) <= MAX_LINK_LINE and not re.search(r"[。！？；]$", line)


def _line_spans(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, newline)`` of each line's content; newline is -1 at the end."""
    spans = []
    for m in re.finditer(r"[^\n]*\n|[^\n]+$", text):
        start, end = m.start(), m.end()
        newline = end - 1 if text[end - 1] == "\n" else -1
        stop = newline if newline >= 0 else end
        while start < stop and (text[start] in SPACES or text[start].isspace()):
            start += 1
        while stop > start and (text[stop - 1] in SPACES or text[stop - 1].isspace()):
            stop -= 1
        spans.append((start, stop, newline))
    return spans


def _inline_runs(text: str, start: int, end: int, removed: Counter) -> list[tuple[int, int]]:
    runs, pos = [], start
    for m in _INLINE.finditer(text, start, end):
        if m.start() > pos:
            runs.append((pos, m.start()))
        removed["inline"] += 1
        pos = m.end()
    if pos < end:
        runs.append((pos, end))
    return [(s, e) for s, e in runs if text[s:e].strip(SPACES).strip()]


def clean_text(text: str) -> Cleaned:
    """Clean ``text`` (see module doc); the result maps back to ``text``."""
    removed: Counter = Counter()
    kept: list[tuple[list[tuple[int, int]], int]] = []
    in_trailer = False
    for start, end, newline in _line_spans(text):
        line = text[start:end]
        kind = classify_line(line)
        if in_trailer and kind in ("body", "nav", "menu", "ad") and _is_link_like(line):
            removed["trailer"] += 1
            continue
        in_trailer = kind == "trailer"
        if kind != "body":
            if kind != "empty":
                removed[kind] += 1
            continue
        runs = _inline_runs(text, start, end, removed)
        if runs:
            kept.append((runs, newline))
    return _assemble(text, kept, removed)


def _assemble(text: str, kept: list, removed: Counter) -> Cleaned:
    pieces: list[str] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    for i, (line_runs, _newline) in enumerate(kept):
        if i:
            sep = kept[i - 1][1]
            pieces.append("\n")
            runs.append((pos, sep, 1))
            pos += 1
        for s, e in line_runs:
            pieces.append(text[s:e])
            runs.append((pos, s, e - s))
            pos += e - s
    cleaned = "".join(pieces)
    gaps = [(m.start(), m.end(), int(m.group(1))) for m in GAP.finditer(cleaned)]
    return Cleaned(cleaned, OffsetMap.from_runs(runs), gaps, removed)
