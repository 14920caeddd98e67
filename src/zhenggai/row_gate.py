"""Which rows of a cue table can match a text, told by one scan of it: a labeler then runs ``re`` only on those
rows, in table order, and finds what it would find trying every row.

A row can match only where the text holds a word of each set of words it requires
(:func:`regex_shape.required_sets`: ``(建立|健全)…(制度|机制)`` needs one of 建立, 健全 and one of 制度, 机制); a
row that requires none is always a candidate. All rows go into one Hyperscan database: a set of words is an
alternation of them, a row of several sets their logical combination (``HS_FLAG_COMBINATION``, the sets
themselves ``HS_FLAG_QUIET``), each row reported once (``HS_FLAG_SINGLEMATCH``). A scan costs about what five
``re`` searches of a row do (2.8 µs a dev measure against the kind table's 36 rows and 279 words), whatever the
number of rows, and calls back once per row found: it pays where a labeler would search many rows of a text
(the kind table), not where the first few rows decide (the status table: slower gated).

Hyperscan rather than an Aho-Corasick automaton (``pyahocorasick``, ``ahocorasick_rs``): over the dev measures
and the kind table's words their one pass, which yields every occurrence to Python, took 5 and 3 µs a measure
against Hyperscan's 1.4, and they cannot tell that a word of each of a row's sets is there. The words are
matched as UTF-8 bytes (each byte written ``\\xHH``, so no word is read as regex syntax): a word's bytes are in
a text's bytes exactly where the word is in the text.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import hyperscan

from .regex_shape import required_sets

Needs = Sequence[Sequence[str]]  # a row's sets of words: it can match only where a word of each is in the text


def _hit(row: int, start: int, end: int, flags: int, hits: Any) -> None:  # hits: list[int] (the scan's context)
    hits.append(row)


def _alternation(words: Sequence[str]) -> bytes:
    return "|".join("".join(f"\\x{b:02x}" for b in w.encode()) for w in words).encode()


class RowGate:
    """Built once per table (cached with it, never per text): ``gate(text)`` lists in ascending order the rows
    that can match in ``text`` or in any part of it (a part holds no word the whole does not); every other row
    cannot. A list of the few, not a flag for each row: the labeler's loop then visits only them. ``needs`` are
    the rows' sets of words (:meth:`of` reads them off patterns)."""

    def __init__(self, needs: Sequence[Needs]) -> None:
        rows: list[list[tuple[str, ...]]] = []
        for sets in needs:  # "" is in every text: a set holding it requires nothing
            rows.append(sorted({tuple(sorted(set(words))) for words in sets if "" not in words}))
        self._always = [row for row, sets in enumerate(rows) if not sets]
        self._chars = frozenset("".join(w for sets in rows for words in sets for w in words))
        exprs: list[bytes] = []
        ids: list[int] = []
        flags: list[int] = []
        # each set of several rows' combinations under one id past the rows' (the CO_ACTOR rows share a set of
        # acting words holding the comma, which every measure has): scanned for once, not once a row
        quiet: dict[tuple[str, ...], int] = {}
        for row, sets in enumerate(rows):
            if len(sets) == 1:
                exprs.append(_alternation(sets[0]))
                ids.append(row)
                flags.append(hyperscan.HS_FLAG_SINGLEMATCH)
            elif sets:  # the row where all of its sets are found
                for words in sets:
                    if words not in quiet:
                        quiet[words] = len(needs) + len(quiet)
                        exprs.append(_alternation(words))
                        ids.append(quiet[words])
                        flags.append(hyperscan.HS_FLAG_QUIET)  # not SINGLEMATCH: a combination then misses or stops
                exprs.append(" & ".join(str(quiet[words]) for words in sets).encode())
                ids.append(row)
                flags.append(hyperscan.HS_FLAG_COMBINATION | hyperscan.HS_FLAG_SINGLEMATCH)
        self._db: hyperscan.Database | None = None
        if exprs:
            self._db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            self._db.compile(expressions=exprs, ids=ids, elements=len(exprs), flags=flags)
        self._scratch = threading.local()  # a scan's scratch space is one thread's (the scan releases the GIL)

    @classmethod
    def of(cls, patterns: Sequence[str]) -> RowGate:
        """The gate of rows that are these regexes."""
        return cls([required_sets(p) for p in patterns])

    def holds(self, char: str) -> bool:
        """Whether a row's word holds ``char``. Where none does, blanking a text with it (putting it in place of
        some of the text's characters) adds no word: the rows the gate lists for the text are all that can match
        in the blanked text."""
        return char in self._chars

    def __call__(self, text: str) -> list[int]:
        if self._db is None:
            return self._always.copy()
        hits = self._always.copy()
        scratch = getattr(self._scratch, "space", None)
        if scratch is None:
            scratch = self._scratch.space = hyperscan.Scratch(self._db)
        self._db.scan(text.encode(), match_event_handler=_hit, context=hits, scratch=scratch)
        hits.sort()  # found in the order their last words end in the text
        return hits
