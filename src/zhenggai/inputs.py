"""What a job reads: files, directories (recursively), glob patterns and manifests (CSV or JSON Lines with a
``path`` column and any metadata columns, such as the source URL and title, carried into the output)."""

from __future__ import annotations

import csv
import glob
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import LoadError
from .load import UNSUPPORTED_SUFFIXES, decode

# What a directory walk reads: the formats the loader reads, Markdown and files with no suffix (crawlers often
# save pages so). Report formats it cannot read are listed too, so they fail with `unsupported` instead of
# vanishing; any other file (images, JSON, styles) is passed over with a note, not a failure.
DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".htm", ".html", ".shtml", ".pdf", ".docx", ""}
MANIFEST_SUFFIXES = {".csv", ".jsonl"}
JOB_LOCK = ".lock"  # the file that marks a job folder (zhenggai.io)


@dataclass(frozen=True)
class Input:
    path: str
    metadata: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # an input that cannot even be listed (unreadable directory, bad manifest row)
    code: str = "bad_manifest"  # the error's code (zhenggai.errors.CODES)
    ignored: str | None = None  # a file a directory walk met that is no document type (why, in words)


def _walk(directory: Path) -> Iterator[Input]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        if JOB_LOCK in files and root != str(directory):
            dirs[:] = []  # a job folder inside the corpus (our own output, its review pages): not input
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            suffix = Path(name).suffix.lower()
            if name.startswith("."):
                continue  # .DS_Store, editor swap files, a job folder's .lock
            if suffix in DOCUMENT_SUFFIXES or suffix in UNSUPPORTED_SUFFIXES:
                yield Input(str(Path(root) / name))
            else:
                yield Input(str(Path(root) / name), ignored=f"not a document type ({suffix})")
    for err in errors:
        yield Input(str(err.filename), error=f"cannot read directory: {err.strerror}", code="unreadable")


def _manifest_lines(path: Path) -> list[str]:
    """The manifest's lines in whatever encoding it was saved in (Excel on Chinese Windows writes GBK)."""
    try:
        text, _ = decode(path.read_bytes())
    except OSError as exc:
        raise LoadError(f"unreadable manifest: {exc.strerror or exc}", code="bad_manifest") from exc
    except LoadError as exc:
        raise LoadError(f"unreadable manifest: {exc}", code="bad_manifest") from exc
    return text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")  # not splitlines: U+2028 is text


def _rows(path: Path, lines: list[str]) -> Iterator[tuple[int, Any]]:
    """(line number in the file, row); a JSONL line that is no JSON is a bad row of its own, not the file's."""
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO("\n".join(lines)))
        for row in reader:
            yield reader.line_num, row
        return
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except ValueError as exc:
            yield n, exc


def _manifest(path: Path) -> Iterator[Input]:
    base = path.parent
    try:
        lines = _manifest_lines(path)
    except LoadError as exc:
        yield Input(str(path), error=str(exc))
        return
    for n, row in _rows(path, lines):
        if isinstance(row, ValueError):
            yield Input(f"{path}:{n}", error=f"manifest line {n} is not JSON: {row}")
            continue
        if not isinstance(row, dict) or not row.get("path"):
            yield Input(f"{path}:{n}", error=f"manifest line {n} has no 'path'")
            continue
        target = Path(str(row["path"]))
        meta = {str(k): str(v) for k, v in row.items() if k != "path" and v not in (None, "")}
        yield Input(str(target if target.is_absolute() else base / target), meta)


def expand(items: list[str]) -> Iterator[Input]:
    """Inputs in the order given; within a directory or glob, in name order. Lazily: a directory is listed
    as it is walked, and a job holds only the inputs in flight."""
    for item in items:
        p = Path(item)
        if p.is_dir():
            yield from _walk(p)
        elif p.suffix.lower() in MANIFEST_SUFFIXES and p.is_file():
            yield from _manifest(p)
        elif not p.exists() and glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Input(item, error="no file matches this pattern", code="no_match")
            for m in matches:
                yield from _walk(Path(m)) if Path(m).is_dir() else iter([Input(m)])
        else:
            yield Input(item)
