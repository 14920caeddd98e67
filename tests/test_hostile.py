"""A hostile corpus, built here (never shipped): each hostile file ends within its limits with its own code,
every good report beside them is extracted, nothing hangs, and the job's peak memory stays under a bound."""

import io
import json
import os
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pytest

from tests.helpers import DEV_GOLD, ROOT

PEAK_MB = 512  # the whole job (CLI and its workers): measured 51 MB (the test prints it), see the README
OPENING = "根据省委统一部署,省委第一巡视组对某县进行了巡视。\n一、整改落实情况\n(一)党的领导方面\n1.针对“学习不够”的问题。一是"


def _docx(text: str) -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _rewrite(data: bytes, part: str, write) -> bytes:  # type: ignore[no-untyped-def]
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename == part:
                with z.open(part, "w", force_zip64=True) as w:
                    write(w, src.read(part))
            else:
                z.writestr(info, src.read(info.filename))
    return out.getvalue()


def _zip_bomb() -> bytes:
    """A DOCX of ~1 MB whose document.xml inflates to ~900 MB."""

    def write(w, xml):  # type: ignore[no-untyped-def]
        w.write(xml[: xml.index(b"</w:body>")])
        run = ("<w:p><w:r><w:t>" + "巡" * 1000 + "</w:t></w:r></w:p>").encode()
        for _ in range(300_000):
            w.write(run)
        w.write(b"</w:body></w:document>")

    return _rewrite(_docx(OPENING), "word/document.xml", write)


def _entity_bomb() -> bytes:
    laughs = (
        b'<!DOCTYPE d [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;">]>'
    )
    return _rewrite(_docx(OPENING), "word/document.xml", lambda w, xml: w.write(xml.replace(b"?>", b"?>" + laughs, 1)))


def _pdf_bomb() -> bytes:
    """A PDF whose content stream inflates to 1 GB."""
    comp = zlib.compressobj(9)
    stream = b"".join(comp.compress(b"0" * (1 << 20)) for _ in range(1024)) + comp.flush()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.7\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    (d / "good_huiji.txt").write_bytes((DEV_GOLD / "huiji_2021.txt").read_bytes())
    (d / "bomb.docx").write_bytes(_zip_bomb())
    (d / "laughs.docx").write_bytes(_entity_bomb())
    (d / "deep.html").write_text(
        "<html><body>" + "<div>" * 200_000 + f"<p>{OPENING}召开会议3次。</p>" + "</div>" * 200_000 + "</body></html>",
        encoding="utf-8",
    )
    (d / "bomb.pdf").write_bytes(_pdf_bomb())
    with (d / "sparse.txt").open("wb") as f:
        f.truncate(3 * 10**9)  # 3 GB on paper, nothing on disk
    os.mkfifo(d / "fifo.txt")
    with (d / "one_line.txt").open("w", encoding="utf-8") as f:  # 100 MB on one line
        f.write(OPENING)
        for _ in range(100):
            f.write("召开会议3次," * 111_112)
    (d / "digits.txt").write_text(OPENING + "共" + "7" * 4000 + "个。\n中共某县委\n2021年9月1日\n", encoding="utf-8")
    (d / "good_xiangcheng.txt").write_bytes((DEV_GOLD / "xiangcheng_2020.txt").read_bytes())
    return d


EXPECTED = {
    "bomb.docx": "too_large",
    "laughs.docx": "unsafe_xml",
    "bomb.pdf": "no_text_layer",
    "sparse.txt": "too_large",
    "fifo.txt": "not_a_file",
    "one_line.txt": "too_large",
}
DONE = {"good_huiji.txt", "good_xiangcheng.txt", "deep.html", "digits.txt"}


def test_a_hostile_corpus_job(corpus: Path, tmp_path: Path) -> None:
    job = tmp_path / "job"
    command = [sys.executable, "-m", "zhenggai", "extract", str(corpus), "--job", str(job), "--jobs", "2"]
    command += ["--engine", "rules", "--quiet"]
    # A fresh Python runs the job so that its children's peak memory is the job's alone.
    measure = "import resource, subprocess, sys; subprocess.run(sys.argv[1:]); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    done = subprocess.run(
        [sys.executable, "-c", measure, *command], cwd=ROOT, capture_output=True, text=True, timeout=600, check=True
    )
    peak_mb = int(done.stdout.split()[-1]) / 1024
    reports = [json.loads(line) for line in (job / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    errors = {Path(e["path"]).name: e["code"] for e in map(json.loads, (job / "errors.jsonl").read_text().splitlines())}
    assert {Path(r["path"]).name for r in reports} == DONE
    assert errors == EXPECTED
    assert json.loads((job / "manifest.json").read_text())["state"] == "finished"
    print(f"hostile corpus job: peak resident memory {peak_mb:.0f} MB")
    assert peak_mb < PEAK_MB
