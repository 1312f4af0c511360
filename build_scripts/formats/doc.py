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

from . import ConversionError, Converted, MissingTool

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


def _paragraphs(text: str) -> str:
    """antiword and catdoc print a paragraph per line: one block per paragraph, as typed texts have."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").replace("\f", "\n").split("\n")]
    blocks = [line for line in lines if line]
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
