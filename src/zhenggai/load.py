"""Stage 1 — load: bytes in any common Chinese encoding (or a saved web page) to the text all offsets refer to.

The loaded text is the decoded document with line endings normalised to ``\\n`` and full-width ASCII forms
(``（１）``, ``，``) mapped to their half-width twins. The mapping is one character to one character, so a
span of the loaded text is also a span of the decoded document.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .html_text import looks_like_html, main_text, publication_date


class LoadError(Exception):
    """A document that cannot be turned into text; the message names the reason in one line."""


@dataclass(frozen=True)
class Document:
    source: str  # file name, or "<text>" for text given directly
    text: str
    sha256: str  # of the loaded text, so the same report in two encodings is one document
    encoding: str
    page_date: str | None = None  # a web page's own publication date (发布时间), ISO, when it shows one


_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return text.translate(_FULLWIDTH)


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes, trying the encodings Chinese government sites actually use, strictest first."""
    if not data.strip():
        raise LoadError("empty document")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, enc), enc
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise LoadError("binary file (NUL bytes), not a text document")
        return _strict(data, utf16), utf16
    for enc in ("utf-8", "gb18030"):
        try:
            return _strict(data, enc), enc
        except LoadError:
            continue
    raise LoadError("undecodable bytes: neither UTF-8, UTF-16 nor GB18030")


def _strict(data: bytes, enc: str) -> str:
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise LoadError(f"undecodable bytes as {enc} at byte {exc.start}") from exc
    sample = text[:20000]
    if sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f") > len(sample) / 100:
        raise LoadError("binary file (control characters), not a text document")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 byte order under which the bytes read as Chinese text, if either does."""
    if len(data) % 2:
        return None
    best = max(("utf-16-le", "utf-16-be"), key=lambda enc: _plausible_share(data.decode(enc, errors="replace")))
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
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise LoadError(f"unreadable PDF: {exc}") from exc
    if not text.strip():
        raise LoadError("PDF has no text layer (a scan?); OCR it first")
    return text


def _docx_text(data: bytes) -> str:
    """Paragraph text of a Word document (python-docx), one paragraph a line."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise LoadError(f"unreadable DOCX: {exc}") from exc
    return "\n".join(p.text for p in document.paragraphs)


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def load_bytes(data: bytes, source: str = "<bytes>") -> Document:
    if data.startswith(b"%PDF-"):
        raw, enc = _pdf_text(data), "pdf"
    elif _is_docx(data):
        raw, enc = _docx_text(data), "docx"
    else:
        raw, enc = decode(data)
    page_date = None
    if looks_like_html(raw):
        page_date = publication_date(raw)
        raw = main_text(raw)
    text = normalise(raw)
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise LoadError("no Chinese text found")
    return Document(source, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), enc, page_date)


def load_text(text: str, source: str = "<text>") -> Document:
    return load_bytes(text.encode("utf-8"), source)


def load_path(path: str | Path) -> Document:
    p = Path(path)
    if not p.exists():
        raise LoadError("no such file")
    if p.is_dir():
        raise LoadError("is a directory")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from exc
    return load_bytes(data, p.name)
