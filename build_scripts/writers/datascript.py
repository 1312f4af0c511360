"""Data as script files: what the search page and the tracker load with ``<script>`` tags.

A ``fetch`` of a JSON file fails from ``file://`` (the offline bundle); a script that pushes its data
into a queue on ``window`` works there and under any sub-path. The data is JSON, so a source's text
stays a string and never runs.

The bulky data whose bytes grow with the archive (the search's texts, the tracker's rows) is written
*packed*: the argument's JSON deflated (zlib) and base64-encoded, as ``{"z": "..."}``. Texts of
one genre repeat their words; packed, these files take a third to a sixth of their bytes, on
GitHub Pages' 1 GB as in a reader's download. ``assets/giai-nen.js`` unpacks them in the browser
(``DecompressionStream``, or pako where a browser has none: vendored, it works from ``file://``),
``read_script`` here. No data argument is otherwise an object of the one key ``z``.
"""

from __future__ import annotations

import base64
import json
import zlib

from ..safe_text import json_dumps

PACK_LEVEL = 6  # zlib's default: level 9 saves 0.3% more of these files at 1.3x the time


def compact_json(data: object) -> str:
    """JSON with letters as they are and hidden characters escaped (safe_text.py): nothing raw in a script."""
    return json_dumps(data, separators=(",", ":"))


def data_script(queue: str, maker: str, *args: object) -> str:
    """``(window.<queue> = window.<queue> || []).push([args...])``, headed by who made it."""
    return script_of(queue, maker, *(compact_json(a) for a in args))


def script_of(queue: str, maker: str, *texts: str) -> str:
    """``data_script`` of arguments already written as ``compact_json`` text (the tracker's chunks, assembled
    from rows it keeps as text)."""
    body = ",".join(texts)
    return (f"/* {maker}: dữ liệu do build_scripts tạo ra, không sửa tay. */\n"
            f"(window.{queue}=window.{queue}||[]).push([{body}]);\n")


def packed(json_text: str) -> str:
    """An argument's ``compact_json`` text packed: ``{"z": base64(zlib(utf-8))}``, as JSON text (only base64's
    letters: nothing in it can end the string or the script)."""
    data = base64.b64encode(zlib.compress(json_text.encode("utf-8"), PACK_LEVEL)).decode("ascii")
    return f'{{"z":"{data}"}}'


def unpacked(value: object) -> object:
    """A data argument as written: a ``packed`` one's JSON read back, any other as it is."""
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("z"), str):
        return json.loads(zlib.decompress(base64.b64decode(value["z"])).decode("utf-8"))
    return value


def read_script(text: str) -> list:
    """The arguments a data script pushes (``script_of``), packed ones unpacked: what the browser reads of it."""
    start, end = text.index(".push([") + len(".push(["), text.rindex("]);")
    return [unpacked(v) for v in json.loads("[" + text[start:end] + "]")]
