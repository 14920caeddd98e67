"""Stage 1 — load: bytes in any common Chinese encoding (or a saved web page) to the text all offsets refer to.

The loaded text is the decoded document with line endings normalised to ``\\n`` and full-width ASCII forms
(``（１）``, ``，``) mapped to their half-width twins. The mapping is one character to one character, so a
span of the loaded text is also a span of the decoded document.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import _Cell

    DocxBlocks: TypeAlias = DocxDocument | _Cell

from .errors import LoadError as LoadError  # the loader's error, named where it is raised
from .html_text import looks_like_html, main_text, publication_date
from .settings import Limits

DEFAULTS = Limits()

# Formats people save reports in that this loader does not read: a clear code instead of a binary-file guess.
UNSUPPORTED_SUFFIXES = {".doc": "Word 97-2003", ".wps": "WPS", ".rtf": "RTF", ".mht": "MHTML", ".mhtml": "MHTML"}


@dataclass(frozen=True)
class Document:
    source: str  # file name, or "<text>" for text given directly
    text: str
    sha256: str  # of the loaded text, so the same report in two encodings is one document
    encoding: str
    page_date: str | None = None  # a web page's own publication date (发布时间), ISO, when it shows one
    notes: tuple[tuple[str, str], ...] = ()  # (code, message) of what the loader repaired; warnings on the report


_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return text.translate(_FULLWIDTH)


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes, trying the encodings Chinese government sites actually use, strictest first. A UTF-8
    file cut inside its last character keeps every whole character (the encoding is then ``utf-8-torn``)."""
    if not data.strip():
        raise LoadError("empty document", code="empty")
    for bom, enc in _BOMS:  # UTF-32 first: its little-endian BOM begins with UTF-16's
        if data.startswith(bom):
            if enc == "utf-8-sig":
                try:
                    return _strict(data, enc), enc
                except LoadError:
                    torn = _utf8_torn_tail(data[len(bom) :])
                    if torn is None:
                        raise
                    return torn, "utf-8-torn"
            return _strict(data, enc), enc
    if b"\x00" in data:
        wide = _wide_without_bom(data)
        if wide is None:
            raise LoadError("binary file (NUL bytes), not a text document", code="binary")
        return _strict(data, wide), wide
    try:
        return _strict(data, "utf-8"), "utf-8"
    except LoadError as utf8:
        try:
            return _strict(data, "gb18030"), "gb18030"
        except LoadError:
            torn = _utf8_torn_tail(data)
            if torn is not None:  # a download cut mid-character: keep every whole character before the cut
                return torn, "utf-8-torn"
            raise LoadError(f"undecodable bytes: neither UTF-8, UTF-16/32 nor GB18030 ({utf8})") from None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf8_torn_tail(data: bytes) -> str | None:
    """The text of UTF-8 bytes whose only fault is an incomplete last character (at most 3 bytes cut)."""
    for cut in (1, 2, 3):
        try:
            return _strict(data[:-cut], "utf-8")
        except LoadError:
            continue
    return None


# C0 control characters but the white space of text (\t \n \f \r): a share of them marks a binary file. A
# regex counts them at C speed; a generator over the characters cost a millisecond a document.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _strict(data: bytes, enc: str) -> str:
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise LoadError(f"undecodable bytes as {enc} at byte {exc.start}", code="undecodable") from exc
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > len(sample) / 100:
        raise LoadError("binary file (control characters), not a text document", code="binary")
    return text


def _wide_without_bom(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 byte order under which the bytes read as Chinese text, if any does."""
    candidates = [
        e for e, n in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)) if not len(data) % n
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda enc: _plausible_share(data.decode(enc, errors="replace")))
    return best if _plausible_share(data.decode(best, errors="replace")) >= 0.9 else None


def _plausible_share(text: str) -> float:
    return sum(map(_plausible, text)) / max(1, len(text))


def _plausible(ch: str) -> bool:
    """Characters a Chinese report is made of: CJK, ASCII, CJK and general punctuation, full-width forms."""
    o = ord(ch)
    return (
        0x20 <= o < 0x7F
        or ch in "\n\r\t"
        or 0x4E00 <= o <= 0x9FFF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0x2000 <= o <= 0x206F
    )


def _pdf_text(data: bytes) -> str:
    """Text layer of a PDF (pypdf: pure Python, maintained, reads the CID fonts Chinese PDFs use)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings on broken files become our one message
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [_without_page_number(page.extract_text() or "") for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LoadError(f"unreadable PDF ({type(exc).__name__})", code="bad_container") from exc
    # each page ends its last line, with no blank line after it: a sentence wrapped over a page end is
    # joined as any other wrap (zhenggai.unwrap)
    text = "".join(p if p.endswith("\n") else p + "\n" for p in pages)
    if not text.strip():
        raise LoadError("PDF has no text layer (a scan?); OCR it first", code="no_text_layer")
    return text


# A page number alone on the first or last line of a page (3, - 3 -, —3—, 第3页, 第3页 共10页, 3/10): the page's
# furniture, which no reader reads into the text.
_PAGE_NUMBER = re.compile(
    r"[ \t]*(?:(?:[-—–][ \t]*)?\d{1,4}(?:[ \t]*[-—–])?|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[,,，]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?"
    r"|\d{1,4}[ \t]*/[ \t]*\d{1,4})[ \t]*"
)


def _without_page_number(page: str) -> str:
    """A page's text without a page number on its first or last line."""
    lines = page.split("\n")
    edges = [i for i, line in enumerate(lines) if line.strip()]
    drop = {i for i in edges[:1] + edges[-1:] if _PAGE_NUMBER.fullmatch(lines[i]) and len(edges) > 1}
    return "\n".join(line for i, line in enumerate(lines) if i not in drop) if drop else page


def _declares_dtd(part: Iterator[bytes]) -> bool:
    """Whether an XML part declares a DTD (and so perhaps entities), read by lxml up to its root element only
    (comments before it, any encoding, no expansion, no network)."""
    from lxml import etree

    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, load_dtd=False, no_network=True)
    try:
        for chunk in part:
            parser.feed(chunk)
            for _, element in parser.read_events():
                info = element.getroottree().docinfo
                return bool(info.doctype) or info.internalDTD is not None
    except etree.XMLSyntaxError:
        return False  # not well formed: python-docx refuses it later (bad_container)
    return False


def _check_container(data: bytes, max_inflated: int) -> None:
    """Before any XML parser reads a DOCX for its text: every part is inflated through a capped stream
    (declared sizes can lie) and the total kept under ``max_inflated``; a part that declares a DTD is refused
    (an OOXML part never needs one; entity expansion is the "billion laughs")."""
    total = 0

    def chunks(part: IO[bytes]) -> Iterator[bytes]:
        nonlocal total
        while chunk := part.read(1 << 20):
            total += len(chunk)
            if max_inflated and total > max_inflated:
                raise LoadError(f"DOCX parts inflate past {max_inflated:,} bytes (--max-inflated)", code="too_large")
            yield chunk

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                with z.open(info) as part:
                    stream = chunks(part)
                    if info.filename.endswith((".xml", ".rels")) and _declares_dtd(stream):
                        raise LoadError(f"DOCX part {info.filename} declares a DTD or entities", code="unsafe_xml")
                    for _ in stream:  # the rest of the part still counts towards the cap
                        pass
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise LoadError(f"unreadable DOCX ({type(exc).__name__})", code="bad_container") from exc


def _docx_text(data: bytes, max_inflated: int = 0) -> str:
    """Text of a Word document (python-docx) in reading order: body paragraphs and tables as they come, one
    paragraph a line; a table row by row, its cells in order, each cell's paragraphs (and nested tables) as
    lines. Many reports put problems, measures, deadlines and responsible units in a table."""
    import docx

    _check_container(data, max_inflated)
    try:
        document = docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile, SyntaxError) as exc:  # lxml's XMLSyntaxError is a SyntaxError
        raise LoadError(f"unreadable DOCX ({type(exc).__name__})", code="bad_container") from exc
    return "\n".join(_docx_lines(document))


def _docx_lines(container: DocxBlocks) -> Iterator[str]:
    from docx.table import Table

    for block in container.iter_inner_content():
        if not isinstance(block, Table):
            yield block.text
            continue
        seen: set[object] = set()  # a merged cell is listed once per grid column or row it spans: read it once
        for row in block.rows:
            for cell in row.cells:
                if cell._tc not in seen:  # the cell's XML element (kept alive in the set, so one proxy each)
                    seen.add(cell._tc)
                    yield from _docx_lines(cell)


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def load_bytes(data: bytes, source: str = "<bytes>", limits: Limits = DEFAULTS) -> Document:
    suffix = Path(source).suffix.lower()
    is_pdf, is_docx = data.startswith(b"%PDF-"), _is_docx(data)  # the bytes decide, the name only checks them
    if suffix == ".docx" and not is_docx:  # else its bytes would be judged as text ("NUL bytes")
        raise LoadError("unreadable DOCX: not a Word document (no word/document.xml in a zip)", code="bad_container")
    if suffix == ".pdf" and not is_pdf:
        raise LoadError("unreadable PDF: no %PDF- header", code="bad_container")
    if is_pdf:
        raw, enc = _pdf_text(data), "pdf"
    elif is_docx:
        raw, enc = _docx_text(data, limits.max_inflated), "docx"
    else:
        raw, enc = decode(data)
    notes: tuple[tuple[str, str], ...] = ()
    if enc == "utf-8-torn":
        enc = "utf-8"
        cut = len(data) - len(raw.encode("utf-8")) - (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        notes = (("input_truncated", f"the file ends inside a UTF-8 character: its last {cut} byte(s) were dropped"),)
    page_date = None
    if looks_like_html(raw):
        page_date = publication_date(raw)
        raw = main_text(raw)
    if limits.max_chars and len(raw) > limits.max_chars:
        raise LoadError(f"{len(raw):,} characters of text, over {limits.max_chars:,} (--max-chars)", code="too_large")
    text = normalise(raw)
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise LoadError("no Chinese text found", code="no_chinese")
    return Document(source, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), enc, page_date, notes)


def load_text(text: str, source: str = "<text>", limits: Limits = DEFAULTS) -> Document:
    return load_bytes(text.encode("utf-8"), source, limits)


def load_path(path: str | Path, limits: Limits = DEFAULTS) -> Document:
    """The document at ``path``; its ``source`` is the path as given, so two ``report.txt`` in two folders
    stay two names. Only regular files are opened: a FIFO would block the reader forever."""
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        raise LoadError("no such file" if not p.is_symlink() else "broken symbolic link", code="not_found") from None
    except OSError as exc:  # a symlink loop, a permission denied on the way
        raise LoadError(f"cannot read: {exc.strerror or exc}", code="unreadable") from None
    if not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file (FIFO, device or socket)"
        raise LoadError(kind, code="not_a_file")
    size = os.stat(p).st_size
    if limits.max_bytes and size > limits.max_bytes:  # checked before a byte is read
        raise LoadError(f"{size:,} bytes, over {limits.max_bytes:,} (--max-bytes)", code="too_large")
    if p.suffix.lower() in UNSUPPORTED_SUFFIXES:
        raise LoadError(
            f"{UNSUPPORTED_SUFFIXES[p.suffix.lower()]} files are not read; save as DOCX, PDF or text",
            code="unsupported",
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}", code="unreadable") from exc
    return load_bytes(data, str(path), limits)
