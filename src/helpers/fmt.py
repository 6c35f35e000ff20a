"""How a recorded number reads in prose, tables and on the site: one formatting for the whole collection."""

from __future__ import annotations

import math

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def fmt_number(x) -> str:
    """A number as a reader writes it: 3 significant figures, thousands separators, 16.4 million,
    1.2 × 10²⁵ beyond a trillion."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    if isinstance(x, float) and not math.isfinite(x):
        return "n/a"
    ax = abs(x)
    if isinstance(x, int) and ax < 1e6:
        return f"{x:,}"
    if ax >= 1e15 or (0 < ax < 1e-3):
        mantissa, exponent = f"{x:.2e}".split("e")
        return f"{float(mantissa):.3g} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if ax >= size:
            return f"{x / size:.3g} {word}"
    if ax >= 1000:
        return f"{x:,.0f}"
    return f"{x:.3g}"


def _with_unit(num: str, unit: str) -> str:
    if not unit:
        return num
    if unit == "USD":
        return f"${num}"
    if unit == "x":
        return f"{num}×"
    if unit.startswith("%"):
        return f"{num}{unit}"
    return f"{num} {unit}"


def fmt_parts(entry: dict, max_items: int = 6) -> tuple[str, str]:
    """A recorded result for a reader: (value with its unit, its interval or ""); a mapping as its last
    ``max_items`` items (series are recorded oldest first, so the newest show)."""
    v = entry.get("value")
    unit = entry.get("unit") or ""
    if isinstance(v, dict):
        items = list(v.items())
        s = ", ".join(f"{k}: {fmt_number(x) if not isinstance(x, (dict, list)) else '…'}"
                      for k, x in items[-max_items:])
        return f"{'… ' if len(items) > max_items else ''}{s}{f' ({unit})' if unit else ''}", ""
    if isinstance(v, list) and any(isinstance(x, (dict, list)) for x in v):
        return f"{len(v)} entries (see results.json)", ""
    if isinstance(v, list):
        more = " …" if len(v) > 6 else ""
        return ", ".join(fmt_number(x) for x in v[:6]) + more + (f" ({unit})" if unit else ""), ""
    interval = ""
    if entry.get("low") is not None or entry.get("high") is not None:
        lo, hi = fmt_number(entry.get("low")), fmt_number(entry.get("high"))
        if unit.startswith("%"):
            interval = f"({lo}–{hi}%)"
        elif unit in ("USD", "x"):
            interval = f"({_with_unit(lo, unit)}–{_with_unit(hi, unit)})"
        else:                               # a unit in words is said once, after the value
            interval = f"({lo}–{hi})"
    return _with_unit(fmt_number(v), unit), interval


def fmt_value(entry: dict, max_items: int = 6) -> str:
    main, interval = fmt_parts(entry, max_items)
    return f"{main} {interval}".strip()


def label(key: str) -> str:
    """A recorded key as words: ``eci_gap_points_latest`` -> ``eci gap points latest``."""
    return key.replace("_", " ")
