"""Word 97-2003 (.doc) -> text, with the first converter installed of three.

LibreOffice (headless) converts the file to .docx, which ``docx.py`` then reads with its
tables and numbering; without it, antiword prints the text with its list numbers, and
catdoc the bare text. None of them ships with Python: the error names the install command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .common import ConversionError, Converted, MissingTool

INSTALL = "sudo apt-get install antiword (or catdoc, or LibreOffice: libreoffice-writer)"
TIMEOUT = 120  # seconds: a conclusion converts in well under one


def _run(command: list[str], cwd: str) -> str:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=TIMEOUT, check=False,
                              env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    except subprocess.TimeoutExpired as exc:
        raise ConversionError(f"could not be converted: {command[0]} took more than {TIMEOUT} s") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConversionError(f"could not be converted by {command[0]} ({message[-1] if message else done.returncode}):"
                              " open it in Word or LibreOffice and save it as .docx")
    return done.stdout.decode("utf-8", "replace")


HEADER_CUES = re.compile(r"CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Nơi nhận|^Số\b|ngày \d|T/M|TM\.|T/L|KT\.", re.MULTILINE)


def _table(rows: list[list[str]]) -> list[str]:
    """antiword's table rows ("|a |b |"): a layout table of up to three columns (the header, the
    recipients beside the signature) column by column, each column a block; another as rows of cells."""
    width = max(len(r) for r in rows)
    if width <= 3 and HEADER_CUES.search("\n".join(c for r in rows for c in r)):
        columns = ["\n".join(r[k] for r in rows if k < len(r) and r[k]) for k in range(width)]
        return [c for c in columns if c]
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    return ["\n".join([lines[0], "|" + "---|" * width, *lines[1:]])]


def _paragraphs(text: str) -> str:
    """antiword and catdoc print a paragraph per line: one block per paragraph, as typed texts have;
    a table's rows are laid out as a Word table is (``docx.py``)."""
    blocks: list[str] = []
    rows: list[list[str]] = []
    for raw in text.replace("\r", "\n").replace("\f", "\n").split("\n"):
        line = raw.strip()
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            rows.append([" ".join(c.split()) for c in line.strip("|").split("|")])
            continue
        if rows:
            blocks += _table(rows)
            rows = []
        if line:
            blocks.append(" ".join(line.split()))
    if rows:
        blocks += _table(rows)
    return "\n\n".join(blocks) + "\n"


def convert_doc(name: str, data: bytes) -> Converted:
    with tempfile.TemporaryDirectory(prefix="vb-doc-") as tmp:
        source = Path(tmp) / "van-ban.doc"
        source.write_bytes(data)
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office:
            _run([office, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                  "--convert-to", "docx", "--outdir", tmp, str(source)], tmp)
            converted = Path(tmp) / "van-ban.docx"
            if converted.is_file():
                from .docx import convert_docx

                result = convert_docx(converted.read_bytes())
                return Converted(text=result.text, format="doc", notes=result.notes, tool="LibreOffice")
        if shutil.which("antiword"):
            text = _run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(source)], tmp)
            return Converted(text=_paragraphs(text), format="doc", tool="antiword")
        if shutil.which("catdoc"):
            text = _run(["catdoc", "-d", "utf-8", "-w", str(source)], tmp)
            return Converted(text=_paragraphs(re.sub(r"[ \t]+\n", "\n", text)), format="doc", tool="catdoc")
    raise MissingTool(f"is a Word 97-2003 .doc file and no converter for it is installed: install one with "
                      f"`{INSTALL}`, or save the file as .docx in Word, then build again")
