"""Rules labeler of a measure's ``documents``: the titles (``《…》``) it issues, each verbatim with its marks.

A title counts where an issuing verb heads it within the same clause (``印发《…》``, ``研究制定了《…》《…》``,
``修订完善《…》和《…》``): the documents a ledger counts as made. A title the measure studies, follows or
cites (``学习《…》``, ``按照《…》要求``) is none. Not a label of the golden contract, so no gold scores it: the
verbs are the contract's issuing ones (its kinds ``document`` and ``system``, its indicators ``rules`` and
``documents``: 印发、出台、制定、下发; 建立、健全、完善、修订) and the other forms reports write them in.
"""

from __future__ import annotations

import re

from ..schemas import Span
from .cues import span

# The verbs that issue a document (the contract's, then the forms reports write them in), then at most a few
# characters of the same clause before the first title (并印发实施, 制定出台了). Not 发布: reports cite what
# others published with it (发布的《中国城市竞争力报告》).
ISSUING = (
    *("印发", "出台", "制定", "下发", "建立", "健全", "完善", "修订"),
    *("制订", "制发", "修改", "编制", "起草", "颁布", "编印", "编发", "印制", "汇编"),
)
_TITLE = r"《[^《》]*》(?:\([^()]*\))?"
_ISSUED = re.compile(rf"(?:{'|'.join(ISSUING)})[^。;;,,:《》]{{0,8}}(?P<t>{_TITLE}(?:[、和及与]?{_TITLE})*)")
_ONE = re.compile(r"《[^《》]*》")


def documents(text: str, start: int) -> list[Span]:
    """The titles the measure ``text`` (at ``start`` in the source) issues, in order, each once."""
    if "《" not in text:  # most measures name no title
        return []
    out: list[Span] = []
    seen: set[str] = set()
    for chain in _ISSUED.finditer(text):
        for t in _ONE.finditer(text, *chain.span("t")):
            if t.group() not in seen:
                seen.add(t.group())
                out.append(span(t.group(), start + t.start(), start + t.end()))
    return out
