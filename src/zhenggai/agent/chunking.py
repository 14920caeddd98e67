"""When the outline parser finds no problems, the LLM segments by anchors instead, chunk by chunk.

Each chunk (with overlap, so a heading cut at a boundary is whole in the next chunk) is sent once; the model
answers with short verbatim heading anchors, which must be found in the chunk (else reask, then drop). The
aligner turns anchors into offsets, dedupes the overlap, and each problem runs from its anchor to the next.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from ..segment import states_finding

CHUNK = 2400
OVERLAP = 300
MIN_ANCHOR = 6


class SegmentAnswer(BaseModel):
    headings: list[str] = Field(default_factory=list, description="verbatim beginnings of problem headings")

    @model_validator(mode="after")
    def anchored(self, info: ValidationInfo) -> SegmentAnswer:
        chunk = info.context.get("chunk") if isinstance(info.context, dict) else None
        if isinstance(chunk, str):
            bad = ungrounded(self.headings, chunk)
            if bad:
                raise ValueError("; ".join(msg for _, msg in bad))
        return self


def ungrounded(headings: list[str], chunk: str) -> list[tuple[str, str]]:
    """(heading, reason) for each anchor that is not verbatim in the chunk or states no problem."""
    out = []
    for h in headings:
        if len(h) < MIN_ANCHOR or h not in chunk:
            out.append(
                (h, f"heading {h!r} is not found verbatim in the text (copy {MIN_ANCHOR}-30 characters exactly)")
            )
        elif not states_finding(h):
            out.append((h, f"heading {h!r} states no problem (a rectification measure is not a problem heading)"))
    return out


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int


def chunks(text: str, lo: int, hi: int, size: int = CHUNK, overlap: int = OVERLAP) -> list[Chunk]:
    """Windows over ``text[lo:hi]`` ending at line breaks where possible, each overlapping the previous one."""
    out: list[Chunk] = []
    start = lo
    while start < hi:
        end = min(hi, start + size)
        if end < hi:
            nl = text.rfind("\n", start + size // 2, end)
            end = nl + 1 if nl > 0 else end
        out.append(Chunk(start, end))
        if end >= hi:
            break
        start = max(end - overlap, start + 1)
    return out


def align(text: str, chunk: Chunk, anchors: list[str]) -> list[int]:
    """Offsets of the anchors inside the chunk, in order of appearance."""
    found = []
    pos = chunk.start
    for a in anchors:
        at = text.find(a, pos, chunk.end)
        if at < 0:
            at = text.find(a, chunk.start, chunk.end)
        if at >= 0:
            found.append(at)
            pos = at + len(a)
    return sorted(set(found))


def heading_starts(text: str, offsets: list[int]) -> list[int]:
    """Each anchor moved back to the start of its line when only a label stands before it there (问题一:),
    duplicates from overlapping chunks merged."""
    starts = set()
    for at in offsets:
        line = text.rfind("\n", 0, at) + 1
        starts.add(line if at - line <= 8 else at)
    return sorted(starts)
