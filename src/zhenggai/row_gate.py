"""Which rows of a cue table can match a text, told by one scan of it: a labeler then runs ``re`` only on those
rows, in table order, and finds what it would find trying every row.

A row can match only where the text holds one of the words it requires (:func:`regex_shape.required_words`;
a row that requires none is always a candidate). All rows' words go into one Hyperscan literal database, each
word under its row's id and reported once per id (``HS_FLAG_SINGLEMATCH``), so a scan costs about what one
``re`` search of a row does, whatever the number of rows. Hyperscan rather than an Aho-Corasick automaton
(``pyahocorasick``, ``ahocorasick_rs``): on our measures (130 characters, 17 rows, some 30 words) their one
pass yields every occurrence to Python and took two to four times as long; Hyperscan's literal mode reports
one call per row found and needs none of its regex dialect (no pattern it could refuse or read otherwise
than ``re``). The words are matched as UTF-8 bytes: a word's bytes are in a text's bytes exactly where the
word is in the text."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import hyperscan

from .regex_shape import required_words


def _hit(row: int, start: int, end: int, flags: int, hits: Any) -> None:  # hits: list[int] (the scan's context)
    hits.append(row)


class RowGate:
    """Built once per table (cached with it, never per text): ``gate(text)`` lists in ascending order the rows
    of ``patterns`` that can match in ``text`` or in any part of it (a part holds no word the whole does not);
    every other row cannot. A list of the few, not a flag for each row: the labeler's loop then visits only
    them."""

    def __init__(self, patterns: Sequence[str]) -> None:
        words = [(w.encode(), i) for i, p in enumerate(patterns) for w in required_words(p) if w]
        self._words = "".join(w.decode() for w, _ in words)
        self._always = [i for i, p in enumerate(patterns) if required_words(p) == ("",)]
        self._db: hyperscan.Database | None = None
        if words:
            self._db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            self._db.compile(
                expressions=[w for w, _ in words],
                ids=[i for _, i in words],
                elements=len(words),
                flags=hyperscan.HS_FLAG_SINGLEMATCH,
                literal=True,
            )
        self._scratch = threading.local()  # a scan's scratch space is one thread's (the scan releases the GIL)

    def holds(self, char: str) -> bool:
        """Whether a row's word holds ``char``. Where none does, blanking a text with it (putting it in place of
        some of the text's characters) adds no word: the rows the gate lists for the text are all that can match
        in the blanked text."""
        return char in self._words

    def __call__(self, text: str) -> list[int]:
        if self._db is None:
            return self._always.copy()
        hits = self._always.copy()
        scratch = getattr(self._scratch, "space", None)
        if scratch is None:
            scratch = self._scratch.space = hyperscan.Scratch(self._db)
        self._db.scan(text.encode(), match_event_handler=_hit, context=hits, scratch=scratch)
        hits.sort()  # reported in the order the words end in the text
        return hits
