"""Reports as they are published: a text typeset as a PDF with a Chinese text layer (reportlab, the CID font
STSong-Light), and a Word document whose problems stand in a table (python-docx). Test fixtures only."""

from __future__ import annotations

import io

# Characters that never start a line in Chinese typesetting: they hang at the end of the line before.
_HANGING = set(",。、;:!?)”’》,.;:!?)")
FONT = "STSong-Light"
# A Chinese page sets its punctuation full-width (the loader makes it half-width again).
FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in ",:;()!?"}


def typeset(paragraph: str, width: float, size: float, *, indent: str = "\u3000\u3000") -> list[str]:
    """The visual lines of one paragraph at ``width`` points, indented, closing marks hung at line ends."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    cur = indent
    for ch in paragraph:
        if cur and ch not in _HANGING and stringWidth(cur + ch, FONT, size) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return [*lines, cur]


def pdf_bytes(
    text: str, *, width: float = 400, size: float = 14, indent: str = "\u3000\u3000", page_numbers: bool = False
) -> bytes:
    """``text`` (one paragraph a line) as a PDF of A4 pages, each paragraph wrapped at ``width`` points; with
    ``page_numbers``, each page's number (``- 1 -``) at its foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    text = text.translate(FULL_WIDTH)
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    top, step = A4[1] - 60, size * 1.6
    y = top
    for paragraph in text.splitlines():
        for line in typeset(paragraph, width, size, indent=indent) if paragraph.strip() else []:
            if y < 60:
                if page_numbers:
                    page.drawCentredString(A4[0] / 2, 30, f"- {page.getPageNumber()} -")
                page.showPage()
                y = top
            page.setFont(FONT, size)
            page.drawString(60, y, line)
            y -= step
    if page_numbers:
        page.drawCentredString(A4[0] / 2, 30, f"- {page.getPageNumber()} -")
    page.save()
    return buf.getvalue()


def docx_bytes(blocks: list[str | list[list[str]]]) -> bytes:
    """A Word document of body paragraphs (a string) and tables (rows of cells; a cell's lines are its
    paragraphs), in the order given."""
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=max(len(row) for row in block))
        for r, row in enumerate(block):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                first, *rest = value.split("\n")
                cell.paragraphs[0].text = first
                for line in rest:
                    cell.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def flowing_pdf_bytes(text: str, *, size: float = 16, indent: float = 32) -> bytes:
    """``text`` (one paragraph a line) as a word processor lays it out: reportlab's paragraphs, justified, CJK
    wrapping, the first line of each indented by ``indent`` points (0: none)."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    style = ParagraphStyle(
        "body", fontName=FONT, fontSize=size, leading=size * 1.75, wordWrap="CJK", alignment=TA_JUSTIFY,
        firstLineIndent=indent,
    )  # fmt: skip
    escape = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
    paragraphs = [Paragraph(line.translate(FULL_WIDTH).translate(escape), style) for line in text.splitlines() if line]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(paragraphs)
    return buf.getvalue()
