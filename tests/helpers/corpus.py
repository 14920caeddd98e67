"""Builds test corpora: seed reports varied so that each copy is a distinct document, and bad inputs."""

from __future__ import annotations

import random
import re
from pathlib import Path

from tests.helpers import DEV_GOLD, SEEDS


def varied(text: str, seed: int) -> str:
    """The same report with its figures changed: a distinct document with the same structure."""
    rng = random.Random(seed)
    return re.sub(
        r"(?<![\d.])(\d{1,3})(?=[个名人次项件家户])", lambda m: str(int(m.group(1)) + rng.randint(1, 9)), text
    )


def seed_copies(directory: Path, n: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    texts = [(DEV_GOLD / f"{name}.txt").read_text(encoding="utf-8") for name in SEEDS]
    paths = []
    for i in range(n):
        p = directory / f"r{i:04d}.txt"
        p.write_text(varied(texts[i % len(texts)], i), encoding="utf-8")
        paths.append(p)
    return paths


def chinese_pdf(path: Path, lines: list[str]) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 10)
    y = 800
    for line in lines:
        c.drawString(30, y, line)
        y -= 14
    c.showPage()
    c.save()
    return path


def scanned_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(50, 50, 400, 600, fill=1)  # an image-like page: no text layer
    c.showPage()
    c.save()
    return path
