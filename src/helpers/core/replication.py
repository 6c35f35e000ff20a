"""Published figures, reproduced: one row per figure a notebook touches.

Each row pairs a publisher's number with ours computed under *their* definition (their window, filter and
estimand) and, beside it, our own estimate under the notebook's definition, with one line on any
difference. A notebook records its rows under the result key ``replication`` (``entry``); the site's
Replication page and the scorecard gather them from every notebook's results. A row never tunes a
parameter to hit the published number: where our number differs, ``note`` says why.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd

from helpers.core.results import make_entry
from helpers.core.text import fmt_number

KEY = "replication"
# how close "ours with their definition" must come to call a row reproduced: inside their published
# interval when they give one, else within this relative tolerance of their point value
REL_TOLERANCE = 0.10


@dataclass(frozen=True)
class Figure:
    """One published figure and our reproduction of it."""

    figure: str  # what the number is, in a reader's words ("open-closed gap on the Arena, Feb 2025")
    publisher: str  # who published it, with the publication ("Stanford HAI, AI Index Report 2025")
    published: str  # when (ISO date or year-month)
    definition: str  # their definition: estimand, window, filter
    unit: str
    theirs: float
    ours: float | None  # ours under their definition (None: cannot be computed from our data; say why)
    theirs_low: float | None = None
    theirs_high: float | None = None
    ours_low: float | None = None
    ours_high: float | None = None
    own: float | None = None  # our own estimate under the notebook's definition
    own_low: float | None = None
    own_high: float | None = None
    own_definition: str = ""
    note: str = ""  # one line on any difference
    claims: tuple[str, ...] = field(default_factory=tuple)
    url: str = ""

    def status(self) -> str:
        """'reproduced', 'differs' or 'not computable' (ours under their definition against theirs)."""
        if self.ours is None:
            return "not computable"
        if self.theirs_low is not None and self.theirs_high is not None:
            lo, hi = sorted((self.theirs_low, self.theirs_high))
            if lo <= self.ours <= hi:
                return "reproduced"
        if self.theirs == 0:
            return "reproduced" if self.ours == 0 else "differs"
        return "reproduced" if abs(self.ours - self.theirs) <= REL_TOLERANCE * abs(self.theirs) else "differs"


def _range(v, lo, hi) -> str:
    if v is None:
        return "–"
    s = fmt_number(v)
    if lo is not None and hi is not None:
        s += f" ({fmt_number(lo)} to {fmt_number(hi)})"
    return s


def rows(figures: list[Figure]) -> list[dict]:
    """JSON-safe rows (for ``results.json``), each with its status."""
    out = []
    for f in figures:
        d = asdict(f)
        d["claims"] = list(f.claims)
        d["status"] = f.status()
        out.append(d)
    return out


def entry(figures: list[Figure]) -> dict:
    """The ``replication`` result entry: the rows, and how many are reproduced."""
    rs = rows(figures)
    n_ok = sum(r["status"] == "reproduced" for r in rs)
    claims = sorted({c for f in figures for c in f.claims}, key=lambda c: int(c[1:]))
    return make_entry(
        KEY,
        rs,
        unit="published figures",
        claims=claims,
        note=f"{n_ok} of {len(rs)} published figures reproduced with the publisher's own definition",
    )


def table(figures_or_rows) -> pd.DataFrame:
    """The reader's table: figure, publisher, their number, ours with their definition, our own, note."""
    rs = [asdict(f) | {"status": f.status()} if isinstance(f, Figure) else f for f in figures_or_rows]
    return pd.DataFrame(
        {
            "Published figure": [r["figure"] for r in rs],
            "Publisher (date)": [f"{r['publisher']} ({r['published']})" for r in rs],
            "Their definition": [r["definition"] for r in rs],
            "Theirs": [_range(r["theirs"], r["theirs_low"], r["theirs_high"]) for r in rs],
            "Ours, their definition": [_range(r["ours"], r["ours_low"], r["ours_high"]) for r in rs],
            "Ours, our definition": [_range(r["own"], r["own_low"], r["own_high"]) for r in rs],
            "Unit": [r["unit"] for r in rs],
            "Status": [r["status"] for r in rs],
            "Difference": [r["note"] for r in rs],
        }
    )
