import pytest

import pipeline
from pipeline.components.sentences import sentence_starts


@pytest.mark.parametrize(
    "text,expected",
    [
        ("出生912人。死亡3人。", ["出生912人。", "死亡3人。"]),
        ("目标是：增长5%；就业40万人！", ["目标是：增长5%；", "就业40万人！"]),
        ("他说：“完成了。”然后走了。", ["他说：“完成了。”", "然后走了。"]),
        ("一、工作回顾\n过去一年", ["一、工作回顾\n", "过去一年"]),
        ("无标点的句子", ["无标点的句子"]),
    ],
)
def test_sentences(text, expected):
    nlp = pipeline.blank()
    nlp.add_pipe("govie_sentences")
    assert [s.text for s in nlp(text).sents] == expected


def test_sentence_starts_table():
    assert sentence_starts(["甲", "。", "”", "乙"], "。", True) == [True, False, False, True]
