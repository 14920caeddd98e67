"""Stage 1 — load: bytes in any common Chinese encoding (or a saved web page) to the text all offsets refer to.

The loaded text is the decoded document with line endings normalised to ``\\n`` and full-width ASCII forms
(``（１）``, ``，``) mapped to their half-width twins. The mapping is one character to one character, so a
span of the loaded text is also a span of the decoded document.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .html_text import looks_like_html, main_text


class LoadError(Exception):
    """A document that cannot be turned into text; the message names the reason in one line."""


@dataclass(frozen=True)
class Document:
    source: str  # file name, or "<text>" for text given directly
    text: str
    sha256: str  # of the loaded text, so the same report in two encodings is one document
    encoding: str


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
            return data.decode(enc), enc
    if _looks_utf16(data):
        enc = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise LoadError("binary file (NUL bytes), not a text document")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > 0.01:
            raise LoadError("binary file (control characters), not a text document")
        return text, enc
    raise LoadError("undecodable bytes: neither UTF-8, UTF-16 nor GB18030")


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4000]
    return len(sample) >= 4 and sample.count(0) >= len(sample) // 4


def _control_share(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / max(1, len(sample))


def load_bytes(data: bytes, source: str = "<bytes>") -> Document:
    raw, enc = decode(data)
    if looks_like_html(raw):
        raw = main_text(raw)
    text = normalise(raw)
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise LoadError("no Chinese text found")
    return Document(source, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), enc)


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
