"""Data as script files: what the search page and the tracker load with ``<script>`` tags.

A ``fetch`` of a JSON file fails from ``file://`` (the offline bundle); a script that pushes its data
into a queue on ``window`` works there and under any sub-path. The data is JSON, so a source's text
stays a string and never runs.
"""

from __future__ import annotations

from ..safe_text import json_dumps


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
