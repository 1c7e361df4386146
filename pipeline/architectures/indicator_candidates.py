"""Candidate indicator spans for a quantity, and their features.

An indicator is "the shortest contiguous span that, with the number, answers what
was measured" (ANNOTATION.md). It sits right before the number, or before a short
verb (增长, 达到, 超过 …), or right after a counted number (116个[国家和地区]). So the
candidates of a quantity are the spans of its clause that end at the number or at one
of those verbs (a vocabulary learned from training data), or start right after it.
"""

from __future__ import annotations

import re

from spacy.util import registry

from ..linking import CLAUSE_END, Ent, clause_of

# clause punctuation and units never stand inside an indicator; list commas, quotes,
# brackets and digits do (制造业贷款余额、科技贷款余额; “三保”支出; 世界500强企业)
BLOCKED = re.compile(r"[，,；;。：:！？!?%％‰《》\n]")
MAX_LEN = 24
MAX_AFTER = 12
MAX_GAP = 8
# ANNOTATION.md: scope words and generic verbs stay outside an indicator
GENERIC = re.compile(
    r"^(全区|全县|全市|全省|全镇|全乡|全年|全国|我区|我县|我市|我省|我镇|共|累计|其中|实施|推进|完成|"
    r"发放|争取|实现|带动|保障|开展|组织|举办|建成|落实|加快|持续|新引进|引进|招引)"
)
# words an indicator never starts with (../shared/train: 1 of 1,833 IND spans does):
# totals and fillers (共, 累计, 全年, 分别, 了); 共 of 共享/共青团/共同/共建/共产 is a word
NEVER_START = re.compile(r"(共(?![享青同建产])|累计|全年|五年累计|分别|总计|合计|了)")

GAP_FILLERS = re.compile(r"(了|分别|均|已|共|累计|都|也|还|将)")


def gap_key(gap: str) -> str:
    """A verb gap without its fillers (分别达到了 → 达到), so rarer forms share a known gap."""
    return GAP_FILLERS.sub("", gap)


def _bucket(n: int) -> str:
    return str(n) if n < 6 else ("6-9" if n < 10 else "10+")


@registry.misc("govie.indicator_candidates.v1")
def make_indicator_candidates(max_len: int = MAX_LEN, max_after: int = MAX_AFTER):
    """Spans ``(start, end, gap)`` before a quantity (ending at a known gap) or after it."""

    def candidates(text: str, qty: Ent, ents: list[Ent], gaps: set[str]) -> list[tuple[int, int, str]]:
        c_start, c_end = clause_of(text, qty.start)
        taken = [e for e in ents if e.label not in ("IND",)]
        out = []
        for k in range(0, min(MAX_GAP, qty.start - c_start)):
            gap = text[qty.start - k : qty.start]
            if gap not in gaps and gap_key(gap) not in gaps:
                continue
            end = qty.start - k
            for start in range(max(c_start, end - max_len), end):
                out.append((start, end, gap_key(gap)))
        after = qty.end + (1 if text[qty.end : qty.end + 1] == "的" else 0)
        for end in range(after + 1, min(c_end, after + max_after) + 1):
            out.append((after, end, ">"))
        return [c for c in out if _allowed(text, c[0], c[1], taken)]

    return candidates


def _allowed(text: str, start: int, end: int, taken: list[Ent]) -> bool:
    if BLOCKED.search(text, start, end) or NEVER_START.match(text, start):
        return False
    return not any(e.start < end and start < e.end for e in taken)


def none_features(text: str, qty: Ent) -> list[str]:
    """Features of the choice "this quantity has no indicator span of its own"."""
    c_start, _ = clause_of(text, qty.start)
    lead = text[c_start : qty.start]
    return ["none", f"none|lead_len={_bucket(len(lead))}", f"none|lead_tail={lead[-2:]}",
            f"none|lead_head={lead[:2]}", f"none|qty_tail={text[qty.end - 1 : qty.end]}",
            f"none|next={text[qty.end : qty.end + 1]}"]


def _words(text: str, start: int, end: int, word_starts: set[int], word_ends: set[int]) -> list[str]:
    """Segmenter words inside [start, end), cut at its edges."""
    inside = (p for p in range(start + 1, end) if p in word_starts or p in word_ends)
    cuts = [start, *inside, end]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


def span_features(text: str, qty: Ent, cand: tuple[int, int, str], ents: list[Ent],
                  word_starts: set[int], word_ends: set[int], lexicon: set[str],
                  tails: set[str]) -> list[str]:
    """Feature strings of one candidate span."""
    start, end, gap = cand
    span = text[start:end]
    before = text[max(0, start - 2) : start]
    c_start, _ = clause_of(text, qty.start)
    prev_ent = next((e.label for e in reversed(ents) if e.end == start), "none")
    feats = [
        "bias", f"gap={gap}", f"len={_bucket(len(span))}", f"gap_len={gap}|{_bucket(len(span))}",
        f"first={span[0]}", f"last={span[-1]}", f"first2={span[:2]}", f"last2={span[-2:]}",
        f"prev1={before[-1:]}", f"prev2={before}", f"at_clause_start={start == c_start}",
        f"word_start={start in word_starts}", f"word_end={end in word_ends}",
        f"words={start in word_starts}|{end in word_ends}",
        f"lex={span in lexicon}", f"tail_lex={span[-2:] in tails}", f"prev_ent={prev_ent}",
        f"qty_tail={text[qty.end - 1 : qty.end]}", f"qty_tail_gap={text[qty.end - 1 : qty.end]}|{gap}",
        f"prev_break={bool(CLAUSE_END.match(text, max(0, start - 1))) or start == 0}",
    ]
    words = _words(text, start, end, word_starts, word_ends)
    prev_word = _words(text, max(c_start, start - 4), start, word_starts, word_ends)[-1:] if start > c_start else []
    feats += [f"first_word={words[0]}", f"last_word={words[-1]}", f"n_words={_bucket(len(words))}",
              f"generic_start={bool(GENERIC.match(span))}",
              f"prev_word={prev_word[0] if prev_word else '^'}"]
    if gap == ">":
        feats.append(f"after_next={text[end : end + 1]}")
    return feats
