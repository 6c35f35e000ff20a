"""Small helpers that turn numbers into readable words for generated notebook prose and figure titles.

They keep singular/plural, ordinals and powers of ten right whatever values a rerun produces
(``count(1, "chip")`` -> "1 chip", ``sci(3.2e25)`` -> "3.2×10²⁵")."""

from __future__ import annotations

import math

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


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


def sci(x: float, digits: int = 2) -> str:
    """A large or small number as a power of ten in plain text: 1e25 -> "10²⁵", 3.16e25 -> "3.2×10²⁵".

    ``digits`` is the number of significant digits of the mantissa; a mantissa that rounds to 1 is left out.
    Non-finite values give "n/a"."""
    if x is None or not math.isfinite(x):
        return "n/a"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    x = abs(x)
    exp = math.floor(math.log10(x))
    mant = round(x / 10 ** exp, digits - 1)
    if mant >= 10:  # 9.99e24 rounds up to 10.0
        mant, exp = mant / 10, exp + 1
    power = "10" + str(exp).translate(_SUPERSCRIPT)
    return f"{sign}{power}" if mant == 1 else f"{sign}{mant:g}×{power}"


def and_join(items) -> str:
    """"a", "a and b", "a, b and c"; empty input gives ""."""
    items = [str(x) for x in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
