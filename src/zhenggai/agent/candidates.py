"""The verbatim strings the model may choose from, so that what it answers is grounded by construction.

A 1.5B model asked to copy a responsible body or a figure's subject freely got them wrong in most batches
(retyped quotes, a clause cut in the middle of a list, a 《…》 title for a body, text from another measure),
and each miss cost a reask that re-sends the whole batch and rarely fixes it. Offering candidates cut from the
source turns the free text into a choice the grammar enforces; the model still decides which one (or none).
"""

from __future__ import annotations

import re

_CLAUSE = re.compile(r"[,,;;::、。()()\s]")
# Another figure, a quote or a title is no subject or body; nor is a backslash, which llama-cpp-python's enum
# grammar cannot take (it escapes it twice: see agent.label_items.GRAMMAR_SAFE).
_NOT_A_NAME = re.compile(r"[0-9%《》“”‘’\"'\[\]\\]")
SUBJECT_CHARS = 10
BODY_CHARS = 8
MAX_BODIES = 40  # enough for the longest measures of the seeds; bounds the schema of a long one

# How the name of a body ends (区委组织部, 市纪委监委, 住建部门, 各乡镇(街道) …); the candidates are the
# endings of the clause at each such suffix, so some are not names — the model picks among them.
_BODY_END = re.compile(
    r"委员会|协会|联合会|纪委监委|办公室|政府|人大|政协|党委|党组|工委|纪委|监委|部门|中心|街道|乡镇"
    r"|[委局办厅部院所站队组处科]"
)
# A name starts where its clause starts or with the level it belongs to (区委…, 市纪委监委, 各乡镇 …): this
# keeps 区委组织部 and drops 委组织部 and 组织部 — but not with a function word or a verb (由区委…,
# 召开区委…). It does not end before 织/员/长 (区委组|织部, 党委委|员, 局|长). These common words end like
# names but are none.
_NAME_START = set("省市县区乡镇村街州各全党国中")
_NO_START = set("由在对向为将把从以经按被让使同跟与和及并是的召举开组培针已")
_NO_END_BEFORE = set("织员长")
_ENUMERATOR = re.compile(r"^[一二三四五六七八九十]+是")  # 一是… opens a measure, not a name
_NOT_BODIES = {"干部", "全部", "内部", "外部", "局部", "部门", "小组", "组织", "中心", "全体", "全市", "全区", "全县"}


def _clause_before(text: str, end: int, lo: int = 0) -> str:
    before = text[lo:end]
    return before[max((m.end() for m in _CLAUSE.finditer(before)), default=0) :]


def subject_options(text: str, start: int, end: int, lo: int, hi: int) -> tuple[str, ...]:
    """What a figure at ``[start, end)`` inside ``[lo, hi)`` can count: the endings of its clause before it
    (``全市民生支出`` → ``支出``, ``民生支出``, …) and the beginnings of the clause after it
    (``2107个行政村的村档`` → ``行政村``, …), 2 to 10 characters. The caller keeps ``[lo, hi)`` inside the
    figure's sentence and clear of the figures next to it."""
    clause = _clause_before(text, start, lo)
    after = text[end:hi]
    stop = _CLAUSE.search(after)
    tail = after[: stop.start() if stop else len(after)]
    found = [clause[-n:] for n in range(2, min(SUBJECT_CHARS, len(clause)) + 1)]
    found += [tail[:n] for n in range(2, min(SUBJECT_CHARS, len(tail)) + 1)]
    return tuple(dict.fromkeys(c for c in found if not _NOT_A_NAME.search(c)))


def body_options(measure: str) -> tuple[str, ...]:
    """Candidate responsible bodies in a measure: the endings, 2 to 8 characters, of the clause at each place
    where a body's name can end, in order of appearance, at most ``MAX_BODIES``."""
    found: list[str] = []
    for m in _BODY_END.finditer(measure):
        if measure[m.end() : m.end() + 1] in _NO_END_BEFORE or measure[: m.end()].endswith("干部"):
            continue
        clause = _ENUMERATOR.sub("", _clause_before(measure, m.end()))
        found += [
            clause[-n:]
            for n in range(2, min(BODY_CHARS, len(clause)) + 1)
            if n == len(clause) or clause[-n] in _NAME_START
        ]
    ok = (c for c in found if c[0] not in _NO_START and c not in _NOT_BODIES and not _NOT_A_NAME.search(c))
    return tuple(dict.fromkeys(ok))[:MAX_BODIES]


def subject_span(text: str, start: int, end: int, subject: str) -> tuple[int, int] | None:
    """Where a chosen subject stands: right before the figure at ``[start, end)`` or right after it."""
    if not subject:
        return None
    if text[start - len(subject) : start] == subject:
        return start - len(subject), start
    if text[end : end + len(subject)] == subject:
        return end, end + len(subject)
    return None
