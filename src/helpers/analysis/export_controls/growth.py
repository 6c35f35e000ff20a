"""The restricted side's compute growth (claim C10) estimated from the collection's own data: Epoch AI's chip
owners table (``compute_owners``), China's H100-equivalent stock against all tracked stock.

Equal growth on both sides is exactly what the controls target, so the delay model does not assume it: by
default the restricted side's physical training compute grows by the frontier's rate times the ratio of
China's stock growth to all tracked stock's growth over the last complete year,

    g_restricted = g_frontier x (China's stock growth / all tracked stock growth),

i.e. both sides' largest runs keep the same relation to their own stock (frontier runs grow faster than the
stock they draw on; the restricted side's do too, by the same factor). The interval is wide on purpose: its
low end is China's legal stock growth alone (runs that grow only as fast as the legal stock), and it is
symmetric in logs around the estimate, so its high end leaves room for what the table does not count
(Huawei Ascend production and smuggled chips: Epoch's 'China' covers legal NVIDIA and AMD shipments only).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["RestrictedGrowth", "restricted_growth", "stock_growth", "stock_record", "year_end_stock"]

COUNTRY = "China"


def year_end_stock(owners: pd.DataFrame, country: str = COUNTRY) -> pd.DataFrame:
    """H100-equivalent stock (Epoch's median) at each complete year end: the country's, all tracked owners',
    and the country's share. A year end counts only when no row of it is flagged incomplete."""
    o = owners[owners["quarter_end"].dt.month == 12]
    bad = set(o.loc[o["incomplete"].astype(bool), "quarter_end"])
    o = o[~o["quarter_end"].isin(bad)]
    total = o.groupby("quarter_end")["h100e_p50"].sum()
    own = (
        o[o["owner"] == country].groupby("quarter_end")["h100e_p50"].sum().reindex(total.index, fill_value=0)
    )
    out = pd.DataFrame({"country": own, "total": total})
    out["share"] = out["country"] / out["total"]
    out.index = out.index.year
    out.index.name = "year"
    return out


def stock_growth(owners: pd.DataFrame, year: int, country: str = COUNTRY) -> tuple[float, float]:
    """Growth (x) of the country's and of all tracked stock from the end of ``year - 1`` to the end of ``year``,
    over the chip designers tracked at both ends since the same start (Epoch adds designers in later years:
    counting a new designer's whole stock as growth would inflate it)."""
    o = owners[~owners["incomplete"].astype(bool)]
    a = o[o["quarter_end"] == pd.Timestamp(f"{year - 1}-12-31")]
    b = o[o["quarter_end"] == pd.Timestamp(f"{year}-12-31")]
    if a.empty or b.empty:
        raise ValueError(f"stock_growth: no complete year-end stock for both {year - 1} and {year}")
    since_a = a.groupby("designer")["cumulative_since"].first()
    since_b = b.groupby("designer")["cumulative_since"].first()
    same = [d for d in since_a.index if d in since_b.index and since_a[d] == since_b[d]]
    a, b = a[a["designer"].isin(same)], b[b["designer"].isin(same)]
    c_a, c_b = (
        a.loc[a["owner"] == country, "h100e_p50"].sum(),
        b.loc[b["owner"] == country, "h100e_p50"].sum(),
    )
    if c_a <= 0:
        raise ValueError(f"stock_growth: {country} has no stock at the end of {year - 1}")
    return float(c_b / c_a), float(b["h100e_p50"].sum() / a["h100e_p50"].sum())


@dataclass(frozen=True)
class RestrictedGrowth:
    """The restricted side's compute growth used by the delay model, and where it came from."""

    value: float  # x per year
    factor: float  # its 90% interval is [value / factor, value x factor]
    estimated: bool  # True: from the chip-owner data; False: set by the parameter
    frontier_growth: float
    year: int  # last complete year of the stock data
    china_growth: float  # China's stock growth that year (x)
    all_growth: float  # all tracked stock's growth that year (x)
    stocks: pd.DataFrame  # year_end_stock
    history: pd.DataFrame  # per year: China's and all stock growth and their ratio

    @property
    def relative(self) -> float:
        """China's stock growth over all tracked stock's growth (1 = keeping pace)."""
        return self.china_growth / self.all_growth

    @property
    def gap(self) -> float:
        """How many times faster the frontier's compute grows per year (g_frontier / g_restricted)."""
        return self.frontier_growth / self.value

    @property
    def low(self) -> float:
        return self.value / self.factor

    @property
    def high(self) -> float:
        return self.value * self.factor

    @property
    def source(self) -> str:
        """One line on where the value comes from (for the verdict reason and the scorecard)."""
        if not self.estimated:
            return f"{self.value:.2f}x per year (set by restricted_compute_growth_per_year)"
        return (
            f"{self.value:.2f}x per year ({self.low:.2f}-{self.high:.2f}), estimated as the frontier's "
            f"{self.frontier_growth:g}x times China's H100e stock growth in {self.year} ({self.china_growth:.2f}x) "
            f"over all tracked stock's ({self.all_growth:.2f}x; Epoch AI chip owners)"
        )


def stock_record(inputs) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(``year_end_stock``, per year China's and all tracked stock's growth and their ratio) up to the
    record's end: the data ``restricted_growth`` reads, which no parameter changes (the specification grid
    computes it once per inputs instead of once per growth setting)."""
    owners = inputs.owners[inputs.owners["quarter_end"] <= inputs.as_of]  # nothing after the record's end
    stocks = year_end_stock(owners)
    years = [y for y in stocks.index if y - 1 in stocks.index]
    hist = []
    for y in years:
        c, a = stock_growth(owners, y)
        hist.append({"year": y, "china_growth": c, "all_growth": a, "relative": c / a})
    return stocks, pd.DataFrame(hist).set_index("year")


def restricted_growth(inputs, P, record: tuple[pd.DataFrame, pd.DataFrame] | None = None) -> RestrictedGrowth:
    """The restricted side's growth for parameters ``P``: ``restricted_compute_growth_per_year`` when set,
    else the estimate from the chip owners (module docstring); the interval factor is
    ``restricted_growth_ci_factor`` when set, else estimate / China's stock growth (at least the frontier's
    ``growth_ci_factor``). ``record`` is ``stock_record(inputs)`` when the caller has it already."""
    stocks, history = record if record is not None else stock_record(inputs)
    year = int(history.index.max())
    c_g, a_g = float(history.loc[year, "china_growth"]), float(history.loc[year, "all_growth"])
    g_f = P.frontier_compute_growth_per_year
    set_value = P.restricted_compute_growth_per_year
    value = float(set_value) if set_value is not None else g_f * c_g / a_g
    if P.restricted_growth_ci_factor is not None:
        factor = float(P.restricted_growth_ci_factor)
    elif set_value is not None:
        factor = float(P.growth_ci_factor)
    else:
        factor = float(max(value / c_g, 1.0 / (value / c_g), P.growth_ci_factor))
    return RestrictedGrowth(
        value=value,
        factor=factor,
        estimated=set_value is None,
        frontier_growth=g_f,
        year=year,
        china_growth=c_g,
        all_growth=a_g,
        stocks=stocks,
        history=history,
    )


def gap_grid(frontier_growth: float, max_gap: float = 6.0, n: int = 121) -> np.ndarray:
    """Growth gaps g_frontier / g_restricted from 1 (equal growth) to ``max_gap``, log-spaced."""
    return np.geomspace(1.0, max_gap, n)
