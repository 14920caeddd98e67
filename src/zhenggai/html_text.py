"""Reduce a saved web page to the report's main text.

Government sites wrap a report in navigation, share buttons, breadcrumbs and footers. We parse with lxml
(fast, tolerant of broken markup) and pick the container whose paragraphs hold the most Chinese text that
is not link text — the classic text-density rule, which is enough for these article pages and keeps us free
of a heavy boilerplate library whose output formatting we would then have to undo for offsets.
"""

from __future__ import annotations

import html as ihtml
import re

import lxml.html
from lxml.etree import ParserError

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button", "select")
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "td", "table"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BOILER = re.compile(r"nav|menu|footer|header|share|breadcrumb|crumb|sidebar|copyright|banner|toolbar|related")


def looks_like_html(text: str) -> bool:
    head = text[:3000].lower()
    return bool(re.search(r"<(!doctype html|html|body|head|meta|div|p)[\s>]", head))


def _cjk(text: str) -> int:
    return len(_CJK.findall(text))


def _score(el: lxml.html.HtmlElement) -> float:
    text = el.text_content()
    links = sum(_cjk(a.text_content()) for a in el.iter("a"))
    return _cjk(text) - 2 * links


def _block_text(el: lxml.html.HtmlElement) -> str:
    """Text of an element with block boundaries turned into line breaks."""
    parts: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BLOCKS:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCKS:
            parts.append("\n")

    walk(el)
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


_PAGE_DATE = re.compile(
    r"(?:发布时间|发布日期|发表时间|日期|时间)\s*[:：]\s*((?:19|20)\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
)


def publication_date(html: str) -> str | None:
    """The page's own publication date as sites print it (发布时间：2021-05-10), ISO; None if not shown."""
    m = _PAGE_DATE.search(re.sub(r"<[^>]+>", " ", html))
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


_SCRIPTS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(_BLOCKS)) + r")\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")


def _stripped(html: str) -> str:
    """The page's text by a linear pass over its tags: for markup the parser cannot hold (libxml2 stops at
    256 levels of nesting and drops what lies deeper)."""
    text = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", _SCRIPTS.sub("", html)))
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", ihtml.unescape(line)).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def main_text(html: str) -> str:
    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return html
    if _cjk(root.text_content()) < 0.9 * _cjk(_stripped(html)):  # the parser lost text (too deep): keep it all
        return _stripped(html)
    for el in list(root.iter(*_DROP)):
        el.drop_tree()
    for el in list(root.iter()):
        attrs = " ".join(str(el.get(k, "")) for k in ("class", "id")).lower()
        if isinstance(el.tag, str) and el.tag not in ("html", "body") and _BOILER.search(attrs):
            el.drop_tree()
    candidates = [el for el in root.iter("div", "article", "section", "td", "body") if _cjk(el.text_content())]
    if not candidates:
        return _block_text(root)
    best = max(candidates, key=_score)
    # Prefer the smallest container that still holds nearly all of the best one's text.
    best_score = _score(best)
    for el in best.iter("div", "article", "section", "td"):
        if el is not best and _score(el) >= 0.9 * best_score and len(el.text_content()) < len(best.text_content()):
            best = el
    return _block_text(best)
