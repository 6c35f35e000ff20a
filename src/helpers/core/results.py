"""Record a result in a notebook so the runner can collect it (a small replacement for scrapbook's glue).

Why not scrapbook: it is unmaintained, and the
collection needs less and more than it offers: JSON-safe values checked when recorded (no NaN, claim ids
validated), intervals and units beside each value, and a Markdown line the reader sees in the report.

``record`` shows the value as a line of Markdown and attaches a machine-readable copy to the same output
under a private MIME type. The runner reads those outputs back from the executed notebook.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

import numpy as np
from IPython import get_ipython
from IPython.display import display

from helpers.core.text import fmt_value

MIME = "application/vnd.helpers.result+json"
_CLAIM_IDS = {f"C{i}" for i in range(1, 13)}


class ResultError(ValueError):
    pass


def _json_safe(value: Any, where: str) -> Any:
    """Return ``value`` as plain JSON types, or raise ResultError naming what is not JSON-safe."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, int) or (isinstance(value, np.integer)):
        return int(value)
    if isinstance(value, float) or (isinstance(value, np.floating)):
        v = float(value)
        if math.isnan(v) or math.isinf(v):
            raise ResultError(f"{where}: {v} is not JSON-safe; record None for a missing value")
        return v
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, (str, int)) or isinstance(k, bool):
                raise ResultError(f"{where}: dictionary key {k!r} must be a string or an integer")
            out[str(k)] = _json_safe(v, f"{where}[{k!r}]")
        return out
    if isinstance(value, (list, tuple)):
        return [_json_safe(v, f"{where}[{i}]") for i, v in enumerate(value)]
    raise ResultError(
        f"{where}: a value of type {type(value).__name__} is not JSON-safe; "
        "use numbers, strings, booleans, None, lists or dicts of them"
    )


def make_entry(
    key: str, value: Any, *, low=None, high=None, unit=None, claims: Iterable[str] = (), note=None
) -> dict:
    if not isinstance(key, str) or not key.replace("_", "").isalnum():
        raise ResultError(f"record: key {key!r} must be a non-empty identifier of letters, digits and _")
    claims = list(claims)
    bad = [c for c in claims if c not in _CLAIM_IDS]
    if bad:
        raise ResultError(f"record {key!r}: unknown claim id(s) {bad}; allowed C1..C12")
    entry = {"value": _json_safe(value, f"record {key!r} value")}
    for name, v in (("low", low), ("high", high)):
        if v is not None:
            entry[name] = _json_safe(v, f"record {key!r} {name}")
    if isinstance(entry.get("low"), (int, float)) and isinstance(entry.get("high"), (int, float)):
        if entry["low"] > entry["high"]:
            raise ResultError(f"record {key!r}: low {entry['low']} is above high {entry['high']}")
    if unit is not None:
        entry["unit"] = str(unit)
    if claims:
        entry["claims"] = claims
    if note is not None:
        entry["note"] = str(note)
    return entry


def record(key: str, value: Any, *, low=None, high=None, unit=None, claims: Iterable[str] = (), note=None):
    """Show ``value`` in the notebook and store it for the runner. Returns the value unchanged."""
    entry = make_entry(key, value, low=low, high=high, unit=unit, claims=claims, note=note)
    text = f"**{key}** = {fmt_value(entry, max_items=12)}"
    if claims:
        text += f" ({', '.join(entry['claims'])})"
    text = text.replace("<", "&lt;")  # a value or note from data opens no HTML tag (as core.show.md_escape)
    if get_ipython() is not None:
        display({"text/markdown": text, "text/plain": text, MIME: {"key": key, **entry}}, raw=True)
    return value


def collect(nb) -> dict:
    """All recorded results of an executed notebook (nbformat node or dict), in recording order."""
    out: dict = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data", {})
            if MIME in data:
                payload = data[MIME]
                if isinstance(payload, str):
                    payload = json.loads(payload)
                payload = dict(payload)
                out[payload.pop("key")] = payload
    return out


def record_all(entries: dict) -> None:
    """Record every entry of ``{key: entry}`` (entries as ``make_entry`` builds them, for instance the
    ``entries()`` of an analysis result), in order."""
    for key, e in entries.items():
        record(
            key,
            e["value"],
            low=e.get("low"),
            high=e.get("high"),
            unit=e.get("unit"),
            claims=e.get("claims", ()),
            note=e.get("note"),
        )
