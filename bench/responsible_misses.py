"""Why the rules miss the gold's responsible bodies, left out: each report of the pool is labelled without the rows
of its own origin (as ``rules_labels.py --wild2`` scores it), and each gold body it misses is put in the groups
that say why, with counts and examples.

    .venv/bin/python bench/responsible_misses.py [--examples N]

The groups: the name's ending is none the kept rows know (``ending:…``, with the row that knows it, if one does);
no kept ACTING row follows it (``act:…``, its next two characters); the word before it joins it to the act
(``co:由`` …); it stands in a list (``list``) or a ledger's field (``field``); a meeting or a title holds it
(``meeting/author``); it stands inside a clause, not at its start (``mid-clause``); a row fitted to the report
itself finds it (``own row``: the rows kept with the report find it, so only a row from other reports or the
contract would, left out).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict

from rules_labels import REPORTS, WILD, WILD2, pairs
from zhenggai.golden import norm
from zhenggai.labels import measures as m
from zhenggai.labels.cues import Skip, Words, kept

CO_WORDS = re.compile("(?:由|会同|协助|联合|委托|牵头|配合)$")
CLAUSE_OPENED = re.compile(r"(?:^|[,,。;;::\n]|是|[0-9][.、]|\)|同时|目前|此外|并)$")


def _words(rows: Words, skip: Skip) -> str:
    return "|".join(w for w, o in rows if kept(o, skip)) or "(?!)"


def reasons(text: str, name: str, skip: Skip, own: bool) -> list[str]:
    """The groups of one missed ``name`` of the measure ``text``, labelled with ``skip`` left out."""
    at = text.find(name)
    if at < 0:
        return ["not verbatim"]
    before, after = text[max(0, at - 4) : at], text[at + len(name) : at + len(name) + 6]
    why = ["own row"] if own else []
    if not re.search(f"(?:{m.BODY_END}|{_words(m.BODY_END_MORE, skip)})$", name):
        row = next((o for w, o in m.BODY_END_MORE if re.search(f"(?:{w})$", name)), None)
        why.append(f"ending:{name[-2:]}" + (f" (row {row})" if row else ""))
    co = CO_WORDS.search(before)
    if re.search("责任单位[::][^\n]*$", text[:at]):
        why.append("field")
    elif co:
        why.append(f"co:{co.group()}")
    elif before[-1:] in "、和及" or after[:1] in "、和及":
        why.append("list")
    elif "《" in before or re.search("(?:召开|列席)$", before) or re.match(r"(?:\(扩大\))?(?:常务)?会议", after):
        why.append("meeting/author")
    elif not CLAUSE_OPENED.search(before):
        why.append("mid-clause")
    joined = any(w.startswith(("field", "co:")) for w in why)  # the word before or the field shows it acting
    if not joined and not re.match(f"(?:{_words(m.ACTING, skip)})", after):
        why.append(f"act:{after[:2]}")
    return why or ["other"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=3, help="examples printed per group")
    args = ap.parse_args()
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for short in [*REPORTS, *WILD, *WILD2]:
        skip = frozenset({short})
        found = {norm(g["text"]): {norm(s.text) for s in x.responsible} for g, x in pairs(short, frozenset())[0]}
        for g, x in pairs(short, skip)[0]:
            missed = Counter(norm(b) for b in g["responsible"]) - Counter(norm(s.text) for s in x.responsible)
            for name in missed.elements():
                own = name in found.get(norm(g["text"]), set())
                at = x.text.find(name)
                shown = x.text[max(0, at - 6) : at] + f"[{name}]" + x.text[at + len(name) : at + len(name) + 8]
                groups[tuple(reasons(x.text, name, skip, own))].append(f"{short} {shown}".replace("\n", "⏎"))
    per: Counter[str] = Counter()
    for key, names in groups.items():
        for why in key:
            per[why.split(":")[0] if why.startswith(("act:", "co:")) else why] += len(names)
    print(f"{sum(map(len, groups.values()))} bodies missed left out; per reason (a miss may have several):")
    for why, n in per.most_common():
        print(f"  {n:4} {why}")
    for key, names in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(names):4} {' + '.join(key)}")
        for shown in names[: args.examples]:
            print(f"       {shown}")


if __name__ == "__main__":
    main()
