"""The report's meta: who was inspected, by which team, when; who signs; how to give feedback."""

from __future__ import annotations

import re
from collections import Counter

from .dates import DateHit, scan_dates
from .quantities import number_value
from .schemas import Meta, Progress, Span
from .textspans import TitleIndex, sentence_of

_CN = "一二三四五六七八九十"
_TEAM_BODY = r"(?:中央|省委|市委|州委|盟委|县委|区委|旗委|党委|党组)"
# The kinds of team a name may carry: they are all 巡察 (or 巡视) teams.
_TEAM_KINDS = ("提级", "专项", "机动", "交叉")
_TEAM = re.compile(
    # 七届市委第十二轮巡察一组, 八届市委巡察四组, 区委巡察二组, 市委第一提级巡察组, 县委机动巡察组, 省委第三巡视组
    rf"(?:[{_CN}]{{1,3}}届)?{_TEAM_BODY}(?:第[{_CN}]{{1,3}}轮)?(?:第[{_CN}]{{1,3}})?(?:{'|'.join(_TEAM_KINDS)})?"
    rf"(?:巡视|巡察)(?:第?[{_CN}]{{1,3}})?组"
    rf"|第[{_CN}]+(?:{'|'.join(_TEAM_KINDS)})?(?:巡视|巡察)组"
)
_UNIT = re.compile(
    r"对(?P<u>[^,。;\n]{2,30}?)(?:党委|党组|领导班子)?(?:进行了|开展了|开展|进行)(?:了)?[^,。\n]{0,12}?(?:巡视|巡察)"
)
# The inspected body in its shortest form: without its abbreviation (以下简称"…") and without the Party organ
# around it (中共城关镇委员会 → 城关镇, 中共临江市卫生健康委员会党组 → 临江市卫生健康委员会).
_ABBREVIATION = re.compile(r"[((](?:以下)?简称")
_PARTY_ORGAN = re.compile(r"中共(?P<u>.+?)(?:党组|党委|委员会|委)")
# read as a whole span: 局党组 → 局 is no unit
_OWN_ORGAN = re.compile(r"(?P<u>.{2,}?)(?:党组|党委|党工委|党总支|领导班子)")
# The report's own title: 【巡察整改】中共……党组关于……的通报(2023年9月8日), possibly broken over two lines.
_TITLE_ISSUER = re.compile(
    r"^[ \t]*(?:【[^】\n]{1,12}】)?(?P<i>[^\n,。:;【】]{2,40}?(?:委员会|党委|党组|委))关于[^\n]*?(?:巡视|巡察|整改)",
    re.M,
)
_PARTY_PREFIX = ("中共", "中国共产党")
_TITLE_DATE = re.compile(r"(?:通报|报告)[ \t]*[((](?P<d>\d{4}年\d{1,2}月\d{1,2}日)[))]")
# A page header in the text itself: 发布日期:2024年1月16日
_HEADER_DATE = re.compile(r"(?:发布日期|发布时间|发表时间)[ \t]*[::][ \t]*(?P<d>\d{4}年\d{1,2}月\d{1,2}日)")
# An inspection period at month precision: 2023年8月下旬至9月底
_ROUGH_PERIOD = re.compile(
    r"(?P<y>(?:19|20)\d\d)年(?P<m1>\d{1,2})月(?:上旬|中旬|下旬|初|底)?(?:至|到|—|-)(?:(?P<y2>(?:19|20)\d\d)年)?(?P<m2>\d{1,2})月(?:上旬|中旬|下旬|初|底)?"
)
_SHORT_UNIT = re.compile(r"^[\u4e00-\u9fff]{2,}?[省市州盟](?P<u>[\u4e00-\u9fff]{2,}?[区县市旗])$")
_PARTY_BODY = re.compile(r"中共(?P<u>[\u4e00-\u9fff]{2,12}?[省市区县旗州])委(?:员会)?")
_PARTY_ORGAN_BODY = re.compile(r"中共(?P<u>[\u4e00-\u9fff]{2,24}?)(?:委员会党组|委员会党委|委员会|党组|党委)")
_SIGNATURE = re.compile(
    r"^[ \t]*(?P<s>[^\n,。:;]{2,30}(?:委员会|党委|党组|委|办公室|局|厅))[ \t]*\n\s*(?P<d>(?:\d{4}年)?\d{1,2}月\d{1,2}日)[ \t]*$",
    re.M,
)
_PHONE = re.compile(r"(?<![\d])(?:0\d{2,3}[-—–]?\d{7,8}|1[3-9]\d{9}|\d{3,4}[-—–]\d{7,8})(?!\d)")
_PHONE_CONTEXT = re.compile(r"电话|热线|手机|联系方式|举报")
# 电话:0797-8219506、0797-8219533: the second is listed with the first, under the same contact word
_LIST_JOIN = re.compile(r"[ \t]*(?:[、,;/]|和|或)[ \t]*")
# The look-behind lets a match start only where a run of address characters starts: without it a long run
# with no @ (``1.1.1…``) is rescanned from every position, quadratic in its length.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PROGRESS = re.compile(
    r"(?P<label>已完成整改|已整改到位|已完成|基本完成|正在整改|持续整改|长期坚持|整改完成率|整改率|完成率)(?P<n>\d+(?:\.\d+)?)(?P<unit>项|个|条|%)"
)


def _span(text: str, s: int, e: int) -> Span:
    return Span(text=text[s:e], start=s, end=e)


def reference_year(text: str, preamble: tuple[int, int], published: str | None) -> int | None:
    """The year the report speaks from: its publication year, else the latest year its preamble names, else
    the year it names most; None where it names none (no year is made up)."""
    if published and not published.startswith("-"):  # a yearless signed date (--12-28) gives no year
        return int(published[:4])
    years = [int(y) for y in re.findall(r"((?:19|20)\d\d)年", text[preamble[0] : preamble[1]])]
    if years:
        return max(years)
    counts = Counter(int(y) for y in re.findall(r"((?:19|20)\d\d)年", text))
    return counts.most_common(1)[0][0] if counts else None


def extract_meta(
    text: str, preamble: tuple[int, int], closing: tuple[int, int], titles: TitleIndex, page_date: str | None = None
) -> Meta:
    """Meta from the preamble (team, unit, dates), the closing (signature, contacts) and, for a web page
    whose report has no signed date, the page's own publication date."""
    sig = None
    for m in _SIGNATURE.finditer(text, closing[0]):
        sig = m
    published = None
    if sig:
        published = _date_in(text, sig.start("d"), sig.end("d"), titles)
    title = _TITLE_ISSUER.search(text, preamble[0], max(preamble[1], min(len(text), 300)))
    title_line = (title.start(), _line_end(text, title.end())) if title else (0, 0)
    title_date = _TITLE_DATE.search(text, *title_line) if title else None
    header = _HEADER_DATE.search(text, preamble[0], max(preamble[1], min(len(text), 300)))
    for dated in (title_date, header):  # no signed date: the title's own date, else the page header's
        if published is None and dated is not None:
            published = _date_in(text, dated.start("d"), dated.end("d"), titles)
    published = published or page_date
    ref = reference_year(text, preamble, published)
    # The preamble is the text before the first section; when it holds no team, look at the first paragraph.
    lo, hi = preamble
    if not _TEAM.search(text, lo, hi):
        hi = max(hi, text.find("\n", 0) if "\n" in text else len(text))
    team = _TEAM.search(text, lo, hi)
    unit_m = _UNIT.search(text, team.end() if team else lo, hi)
    issuer = _span(text, sig.start("s"), sig.end("s")) if sig else None
    if issuer is None and title is not None:  # no signature: the body the title names as speaking
        issuer = _fullest_title_body(text, title)
    unit = _unit_span(text, unit_m) if unit_m else None
    if issuer is None or (unit is not None and unit.text.startswith("我")):
        body = _fullest_party_body(text)
        if issuer is None and body is not None:
            issuer = _span(text, body.start(), body.end())
        if unit is not None and unit.text.startswith("我") and body is not None:
            unit = _span(text, body.start("u"), body.end("u"))
    dates = [
        d
        for d in scan_dates(text, lo, hi, reference_year=ref, titles=titles)
        if not title_line[0] <= d.start < title_line[1]  # the title's own date is the publication's
    ]
    start, end, feedback = _inspection_dates(text, dates)
    if start is None:
        rough = _ROUGH_PERIOD.search(text, lo, hi)
        if rough:
            y2 = int(rough.group("y2") or rough.group("y"))
            start = f"{int(rough.group('y')):04d}-{int(rough.group('m1')):02d}"
            end = f"{y2:04d}-{int(rough.group('m2')):02d}"
    return Meta(
        issuer=issuer,
        inspected_unit=unit,
        inspection_kind=_kind(text[lo:hi], team.group() if team else "", unit_m.group() if unit_m else ""),
        inspection_team=_span(text, team.start(), team.end()) if team else None,
        inspection_start=start,
        inspection_end=end,
        feedback_date=feedback,
        published_date=published,
        reference_year=ref,
        phones=_unique(text, _contacts(text, _PHONE, closing, context=_PHONE_CONTEXT)),
        emails=_unique(text, _contacts(text, _EMAIL, closing)),
        progress=[
            Progress(
                text=m.group(),
                start=m.start(),
                end=m.end(),
                label=m.group("label"),
                value=number_value(m.group("n")),
                unit=m.group("unit"),
            )
            for m in _PROGRESS.finditer(text)
        ],
    )


def _contacts(
    text: str, pattern: re.Pattern[str], closing: tuple[int, int], context: re.Pattern[str] | None = None
) -> list[re.Match[str]]:
    """Contacts given for feedback: those in the closing part, else anywhere (a 举报电话 inside a problem is
    a fact reported, not the report's own contact)."""

    def found(lo: int) -> list[re.Match[str]]:
        kept: list[re.Match[str]] = []
        for m in pattern.finditer(text, lo):
            listed = bool(kept) and _LIST_JOIN.fullmatch(text, kept[-1].end(), m.start()) is not None
            if context is None or listed or context.search(text, max(0, m.start() - 12), m.start()):
                kept.append(m)
        return kept

    return found(closing[0]) or found(0)


def _unit_span(text: str, m: re.Match[str]) -> Span:
    s, e = m.start("u"), m.end("u")
    abbr = _ABBREVIATION.search(text, s, e)
    if abbr:
        e = abbr.start()
    # …委员会党组(以下简称…): the unit's own organ, which the pattern's optional suffix missed, goes first, then
    # 中共 around the rest (中共城关镇委员会领导班子 → 中共城关镇委员会 → 城关镇)
    if not _PARTY_ORGAN.fullmatch(text, s, e) and (own := _OWN_ORGAN.fullmatch(text, s, e)):
        e = own.end("u")
    organ = _PARTY_ORGAN.fullmatch(text, s, e)
    if organ:
        s, e = organ.start("u"), organ.end("u")
    short = _SHORT_UNIT.match(text[s:e])
    if short:
        s = s + short.start("u")
    return _span(text, s, e)


def _line_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e < 0 else e


def _date_in(text: str, lo: int, hi: int, titles: TitleIndex) -> str | None:
    d = scan_dates(text, lo, hi, reference_year=None, titles=titles)  # a date without a year stays without
    return d[0].start_iso if d else None


def _fullest_title_body(text: str, title: re.Match[str]) -> Span:
    """The title's body in the fullest form the text uses: 中共东湖区住建局党组 where the title says
    东湖区住建局党组 and the text names it with 中共 elsewhere."""
    body = title.group("i")
    if not body.startswith(_PARTY_PREFIX):
        for prefix in _PARTY_PREFIX:
            at = text.find(prefix + body)
            if at >= 0:
                return _span(text, at, at + len(prefix) + len(body))
    return _span(text, title.start("i"), title.end("i"))


def _fullest_party_body(text: str) -> re.Match[str] | None:
    """The Party body that speaks, in its fullest form: 中共某县委员会 over 中共某县委; else an organ of a
    department, town or company (中共城关镇委员会, 中共某局党组)."""
    bodies = list(_PARTY_BODY.finditer(text)) or list(_PARTY_ORGAN_BODY.finditer(text))
    if not bodies:
        return None
    counts = Counter(m.group("u") for m in bodies)
    top = counts.most_common(1)[0][0]
    return max((m for m in bodies if m.group("u") == top), key=lambda m: len(m.group()))


def _inspection_dates(text: str, dates: list[DateHit]) -> tuple[str | None, str | None, str | None]:
    rng = next((d for d in dates if d.end_iso), None)
    start, end = (rng.start_iso, rng.end_iso) if rng else (None, None)
    feedback = None
    for m in re.finditer("反馈", text[: dates[-1].end + 60] if dates else ""):
        clause_lo, clause_hi = sentence_of(text, m.start(), m.end())
        near = [d for d in dates if clause_lo <= d.start < clause_hi and d is not rng]
        if near:
            feedback = near[0].start_iso
            break
    return start, end, feedback


def _kind(preamble: str, team: str, act: str = "") -> str:
    """The kind as the text names it: a 巡察 team, or the act (对…开展了提级巡察), makes it 巡察 whatever the
    kind of 巡察 (专项、机动、提级、交叉、常规、政治); else the named kinds of 巡视, else the preamble's word."""
    if "巡察" in team or act.endswith("巡察"):
        return "巡察"
    for kind in ("巡视回头看", "专项巡视", "机动巡视"):
        if kind in preamble or (kind == "巡视回头看" and "回头看" in preamble):
            return kind
    return "巡察" if "巡察" in preamble and "巡视" not in preamble else "巡视"


def _unique(text: str, matches: list[re.Match[str]]) -> list[Span]:
    seen: set[str] = set()
    out = []
    for m in matches:
        if m.group() not in seen:
            seen.add(m.group())
            out.append(_span(text, m.start(), m.end()))
    return out
