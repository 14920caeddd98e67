"""Write ``src/zhenggai/labels/subject_examples.json``: for every figure of the pooled gold (dev, held-out, wild,
wild2) with a subject, matched to its extracted figure, the words right before and right after that subject in
the text (which the gold left out of it), the words it opens and closes with (which the gold kept) and its first
two characters, and the words before a figure after the one before it in its segment (with the gold's subject of
that one, or another), counted per report — the training counts of :mod:`zhenggai.labels.subject_model`. The origin is the report's tag, so leave one
report out drops its counts (``bench/rules_labels.py``). golden/wild3 is never read: it is the unseen set.

    .venv/bin/python bench/subject_examples.py [--check]

``--check`` exits 1 where the shipped file differs from what the gold gives.
"""

from __future__ import annotations

import re
from collections import Counter

from examples_file import write_or_check
from rules_labels import GOLDEN, REPORTS, WILD, WILD2, Json, pairs
from zhenggai.labels.figures import DIGIT, SPAN_CHARS, comma_segment
from zhenggai.labels.subject_model import INHERITED_CHARS, LENGTHS
from zhenggai.load import load_path
from zhenggai.rules import extract_rules
from zhenggai.schemas import Figure

ABOUT = (
    "Words right before and after the gold's figure subjects (dropped), at their ends (kept), their first two "
    "characters (start), and the words before a figure taking the subject before (inherit) or not (own), per report "
    "(golden/dev, heldout, wild, wild2), as [origin report, where, word, count]; written by "
    "bench/subject_examples.py, read by zhenggai.labels.subject_model."
)
# How far from its figure a subject is looked for (the labeler reads 40 characters either side).
BEFORE, AFTER = 60, 40
WORD = re.compile(r"[\u4e00-\u9fff“”]+")  # words of characters and quotes only: no mark or digit


def located(text: str, subject: str, start: int, end: int) -> int | None:
    """Where ``subject`` stands: its last place ending before the figure, else its first after it."""
    at = text.rfind(subject, max(0, start - BEFORE), start)
    if at < 0:
        at = text.find(subject, end, end + AFTER)
    return at if at >= 0 else None


def counts(tag: str) -> Counter[tuple[str, str]]:
    name = (REPORTS | WILD | WILD2)[tag]
    text = extract_rules(load_path(GOLDEN / f"{name}.txt")).text
    out: Counter[tuple[str, str]] = Counter()
    before: tuple[Json, Figure] | None = None
    for gold, f in pairs(tag, frozenset())[1]:
        subject = gold.get("subject")
        if before and before[1].end <= f.start and text.find("。", before[1].end, f.start) < 0:
            # the words before the figure in its segment (after the figure before it): with the subject of the
            # figure before (by the gold), or its own
            s, _ = comma_segment(text, f.start, f.end, max(0, f.start - SPAN_CHARS), f.end)
            words = text[max(s, before[1].end) : f.start]
            if words and not DIGIT.search(words) and len(words) <= INHERITED_CHARS:
                same = subject and subject == before[0].get("subject") and subject not in words
                out["inherit" if same else "own", words] += 1
        before = gold, f
        if not subject or (at := located(text, subject, f.start, f.end)) is None:
            continue
        close = at + len(subject)
        out["start", subject[:2]] += 1  # where subjects open (a cut must leave a subject opening so)
        for n in LENGTHS:
            if WORD.fullmatch(w := text[max(0, at - n) : at]) and len(w) == n:
                out["drop_open", w] += 1
            if close + n <= f.start and WORD.fullmatch(w := text[close : close + n]):
                out["drop_close", w] += 1  # only before the number: what closes a subject before its figure
            if len(subject) >= n + 2:
                out["keep_open", subject[:n]] += 1
                out["keep_close", subject[-n:]] += 1
    return out


def main() -> None:
    write_or_check(
        "subject_examples.json",
        ABOUT,
        [[tag, where, w, c] for tag in [*REPORTS, *WILD, *WILD2] for (where, w), c in sorted(counts(tag).items())],
    )


if __name__ == "__main__":
    main()
