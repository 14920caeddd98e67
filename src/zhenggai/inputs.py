"""What a job reads: files, directories (recursively), glob patterns and manifests (CSV or JSON Lines with a
``path`` column and any metadata columns, such as the source URL and title, carried into the output)."""

from __future__ import annotations

import csv
import glob
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DOCUMENT_SUFFIXES = {".txt", ".text", ".htm", ".html", ".shtml", ".pdf", ".docx"}
MANIFEST_SUFFIXES = {".csv", ".jsonl"}


@dataclass(frozen=True)
class Input:
    path: str
    metadata: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # an input that cannot even be listed (unreadable directory, bad manifest row)


def _walk(directory: Path) -> Iterator[Input]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        dirs.sort()
        for name in sorted(files):
            if Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                yield Input(str(Path(root) / name))
    for err in errors:
        yield Input(str(err.filename), error=f"cannot read directory: {err.strerror}")


def _manifest(path: Path) -> Iterator[Input]:
    base = path.parent
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = (
                list(csv.DictReader(f))
                if path.suffix.lower() == ".csv"
                else [json.loads(line) for line in f if line.strip()]
            )
    except (OSError, ValueError) as exc:
        yield Input(str(path), error=f"unreadable manifest: {exc}")
        return
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not row.get("path"):
            yield Input(f"{path}:{i}", error="manifest row has no 'path'")
            continue
        target = Path(str(row["path"]))
        meta = {str(k): str(v) for k, v in row.items() if k != "path" and v not in (None, "")}
        yield Input(str(target if target.is_absolute() else base / target), meta)


def expand(items: list[str]) -> Iterator[Input]:
    """Inputs in the order given; within a directory or glob, in name order. Lazily, so a corpus of any
    size is never held in memory."""
    for item in items:
        p = Path(item)
        if p.is_dir():
            yield from _walk(p)
        elif p.suffix.lower() in MANIFEST_SUFFIXES and p.is_file():
            yield from _manifest(p)
        elif not p.exists() and glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Input(item, error="no file matches this pattern")
            for m in matches:
                yield from _walk(Path(m)) if Path(m).is_dir() else iter([Input(m)])
        else:
            yield Input(item)
