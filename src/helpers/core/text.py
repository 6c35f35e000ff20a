"""How numbers read in prose, tables, figure titles and on the site: one text module for the collection.

Numbers (``fmt_number``, ``fmt_value``), powers of ten (``sci``), counts with the right noun
(``count(1, "chip")`` -> "1 chip"), ordinals and lists (``and_join``), whatever values a rerun produces."""

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
        return sci(x, 3, times=" × ", keep_one=True)
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
        s = ", ".join(
            f"{k}: {fmt_number(x) if not isinstance(x, (dict, list)) else '…'}" for k, x in items[-max_items:]
        )
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
        else:  # a unit in words is said once, after the value
            interval = f"({lo}–{hi})"
    return _with_unit(fmt_number(v), unit), interval


def fmt_value(entry: dict, max_items: int = 6) -> str:
    main, interval = fmt_parts(entry, max_items)
    return f"{main} {interval}".strip()


def label(key: str) -> str:
    """A recorded key as words: ``eci_gap_points_latest`` -> ``eci gap points latest``."""
    return key.replace("_", " ")


def setting(param: str, value) -> str:
    """An analyst choice in words: ``eci tolerance = 3``, ``algorithms diffuse: no``, ``arena category =
    hard prompts`` (no identifiers in reader-facing text)."""
    name = label(param)
    if isinstance(value, bool):
        return f"{name}: {'yes' if value else 'no'}"
    if isinstance(value, str):
        return f"{name} = {label(value)}"
    if isinstance(value, (list, tuple)):
        return f"{name} = {and_join(label(str(v)) for v in value) or 'none'}"
    if isinstance(value, (int, float)):
        return f"{name} = {fmt_number(value)}"
    return f"{name} = {value}"


def noun(n, singular: str, plural: str | None = None) -> str:
    """The noun in the number that suits ``n`` (plural defaults to singular + 's')."""
    return singular if n == 1 else (plural or singular + "s")


def count(n, singular: str, plural: str | None = None) -> str:
    """``n`` followed by the noun in the right number: "1 chip", "2 chips", "0 chips", "1,200 models"."""
    num = f"{n:,}" if isinstance(n, int) or float(n).is_integer() else f"{n:g}"
    return f"{num} {noun(n, singular, plural)}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st ..."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def sci(x: float, digits: int = 2, *, times: str = "×", keep_one: bool = False) -> str:
    """A large or small number as a power of ten in plain text: 1e25 -> "10²⁵", 3.16e25 -> "3.2×10²⁵".

    ``digits`` is the number of significant digits of the mantissa; a mantissa that rounds to 1 is left out
    unless ``keep_one`` (tables and the site write "1 × 10²⁵", with ``times=" × "``, through ``fmt_number``).
    Non-finite values give "n/a"."""
    if x is None or not math.isfinite(x):
        return "n/a"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    x = abs(x)
    exp = math.floor(math.log10(x))
    mant = round(x / 10**exp, digits - 1)
    if mant >= 10:  # 9.99e24 rounds up to 10.0
        mant, exp = mant / 10, exp + 1
    power = "10" + str(exp).translate(_SUPERSCRIPT)
    return f"{sign}{power}" if mant == 1 and not keep_one else f"{sign}{mant:g}{times}{power}"


def and_join(items) -> str:
    """ "a", "a and b", "a, b and c"; empty input gives ""."""
    items = [str(x) for x in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
