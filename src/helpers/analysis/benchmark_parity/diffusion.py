"""C4 (and C1's 'default' share): how far frontier capability has spread.

Three measures: the organizations (and countries) that released a model above a training-compute threshold
in each year, how long the n-th organization took to match a reference model's ECI, and the share of
notable models released with open weights each year (Wilson intervals). Organizations are counted by the
first organization Epoch lists for a model.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from helpers.analysis.benchmark_parity.basics import latest_full_year, months_between
from helpers.analysis.benchmark_parity.inputs import Inputs
from helpers.analysis.benchmark_parity.params import Params
from helpers.core.errors import UserError
from helpers.core.results import make_entry
from helpers.core.text import sci


def primary_org(org: pd.Series) -> pd.Series:
    """First organization listed (Epoch joins several with commas)."""
    return org.astype("string").str.split(",").str[0].str.strip()


def orgs_above_threshold(
    models: pd.DataFrame,
    threshold_flop: float,
    *,
    as_of=None,
    date: str = "publication_date",
    by: str = "organization",
) -> pd.DataFrame:
    """Per year: distinct organizations (or countries) that released a model with training compute at or
    above ``threshold_flop`` in that year, and the cumulative count of distinct ones up to that year."""
    d = models.dropna(subset=["training_compute_flop", date])
    if as_of is not None:
        d = d[d[date] <= pd.Timestamp(as_of)]
    d = d[d["training_compute_flop"] >= threshold_flop]
    key = primary_org(d[by]) if by == "organization" else d[by].astype("string")
    d = d.assign(_k=key, year=d[date].dt.year).dropna(subset=["_k"])
    if d.empty:
        return pd.DataFrame(columns=["year", "n_in_year", "n_cumulative", "names"])
    rows, seen = [], set()
    for y in range(int(d["year"].min()), int(d["year"].max()) + 1):
        names = sorted(set(d.loc[d["year"] == y, "_k"]))
        seen |= set(names)
        rows.append(
            {"year": y, "n_in_year": len(names), "n_cumulative": len(seen), "names": "; ".join(names)}
        )
    return pd.DataFrame(rows)


def n_in(table: pd.DataFrame, year: int, column: str = "n_in_year") -> int:
    """The ``n_in_year`` (or ``n_cumulative``) of ``year`` in an ``orgs_above_threshold`` table: 0 when the
    year is absent, or for the cumulative count the last one before it (none: 0)."""
    if column == "n_cumulative":
        r = table[table["year"] <= year]
        return int(r["n_cumulative"].iloc[-1]) if len(r) else 0
    r = table[table["year"] == year]
    return int(r[column].iloc[0]) if len(r) else 0


def first_version(caps: pd.DataFrame, model: str) -> pd.Series:
    """The earliest dated version of ``model`` in a capabilities table (one row per model and release date):
    the model as first released, with that version's ECI. KeyError when the model is not in the table."""
    rows = caps[caps["model"] == model]
    if not len(rows):
        raise KeyError(f"reference model {model!r} is not in the capabilities table")
    return rows.sort_values("release_date", kind="mergesort").iloc[0]


def nth_org_lags(caps: pd.DataFrame, reference_model: str, ns=(2, 5, 10), *, as_of=None) -> pd.DataFrame:
    """Months after ``reference_model``'s first release until the n-th organization had a model with an ECI
    at least as high as that first version's (the reference's own organization counts as the first if nobody
    was earlier; a later version of the reference scores on its own date, like any other model).

    Returns n, organization, date, months (NaN when fewer than n organizations matched by ``as_of``)."""
    ref = first_version(caps, reference_model)
    d = caps.dropna(subset=["eci", "release_date", "organization"])
    if as_of is not None:
        d = d[d["release_date"] <= pd.Timestamp(as_of)]
    d = d[d["eci"] >= ref["eci"]]
    first = (
        d.assign(org=primary_org(d["organization"]))
        .groupby("org")["release_date"]
        .min()
        .sort_values(kind="mergesort")
    )
    rows = []
    for n in ns:
        if len(first) >= n:
            org, when = first.index[n - 1], first.iloc[n - 1]
            rows.append(
                {
                    "n": n,
                    "organization": org,
                    "date": when,
                    "months": max(0.0, months_between(ref["release_date"], when)),
                }
            )
        else:
            rows.append({"n": n, "organization": None, "date": pd.NaT, "months": float("nan")})
    return pd.DataFrame(rows)


def open_share_by_year(
    models: pd.DataFrame,
    *,
    as_of=None,
    start_year: int = 2015,
    level: float = 0.95,
    open_col: str = "open_weights",
) -> pd.DataFrame:
    """Share of models released with open weights per year, among models whose accessibility is known
    (open weights, API, hosted or unreleased), with Wilson score intervals and counts."""
    d = models.dropna(subset=["accessibility", "publication_date"])
    if as_of is not None:
        d = d[d["publication_date"] <= pd.Timestamp(as_of)]
    d = d[d["publication_date"].dt.year >= start_year]
    rows = []
    for y, g in d.groupby(d["publication_date"].dt.year):
        k, n = int(g[open_col].astype(bool).sum()), len(g)
        lo, hi = proportion_confint(k, n, alpha=1 - level, method="wilson")
        rows.append(
            {
                "year": int(y),
                "n_models": n,
                "n_open": k,
                "share_pct": k / n * 100,
                "low_pct": lo * 100,
                "high_pct": hi * 100,
            }
        )
    return pd.DataFrame(rows, columns=["year", "n_models", "n_open", "share_pct", "low_pct", "high_pct"])


@dataclass(frozen=True, eq=False)
class Diffusion:
    """Organizations above the compute threshold per year, the n-th organization's delay to match the
    reference model and the open-weights share of notable models per year."""

    orgs: pd.DataFrame
    countries: pd.DataFrame
    nth: pd.DataFrame  # n, organization, date, months for n in {2, 5, c4_nth_org}
    share: pd.DataFrame  # open_share_by_year of notable models
    full_year: int  # the latest full year before the analysis date
    earlier_year: int  # two years before it
    threshold_flop: float
    reference_model: str
    reference_eci: float
    reference_release: pd.Timestamp
    nth_org: int
    default_share_pct: float
    org_count: str = "in_year"  # what C4's verdict counts: 'in_year' or 'cumulative' (parameter c4_org_count)

    @property
    def n_recent(self) -> int:
        return n_in(self.orgs, self.full_year)

    @property
    def n_earlier(self) -> int:
        return n_in(self.orgs, self.earlier_year)

    @property
    def n_counted(self) -> tuple[int, int]:
        """(recent, earlier) organizations as C4's verdict counts them: in each year, or by its end."""
        col = "n_cumulative" if self.org_count == "cumulative" else "n_in_year"
        return n_in(self.orgs, self.full_year, col), n_in(self.orgs, self.earlier_year, col)

    @property
    def n_cumulative(self) -> tuple[int, int]:
        """(recent, earlier) organizations that had crossed the threshold by the end of each year."""
        return (
            n_in(self.orgs, self.full_year, "n_cumulative"),
            n_in(self.orgs, self.earlier_year, "n_cumulative"),
        )

    @property
    def n_countries_recent(self) -> int:
        return n_in(self.countries, self.full_year)

    @property
    def nth_months(self) -> float:
        """Months the ``nth_org``-th organization needed (NaN: fewer matched by the analysis date)."""
        return float(self.nth.loc[self.nth["n"] == self.nth_org, "months"].iloc[0])

    @property
    def share_recent(self) -> float:
        """Open-weights share (%) of notable models in the latest full year (NaN without models)."""
        fy = self.share[self.share["year"] == self.full_year]
        return float(fy["share_pct"].iloc[0]) if len(fy) else float("nan")

    def by_year(self) -> pd.DataFrame:
        """Organizations per year with the countries they come from, for the notebook's table."""
        c = self.countries[["year", "n_in_year"]].rename(columns={"n_in_year": "countries_in_year"})
        return self.orgs.merge(c, on="year", how="left")

    def compared(self) -> dict:
        """The counts C4's verdict compares: the last full year against two years earlier, counted the way
        the verdict counts (in-year or cumulative)."""
        col = "n_cumulative" if self.org_count == "cumulative" else "n_in_year"
        return {
            "counting": self.org_count,
            "recent_year": int(self.full_year),
            "recent": n_in(self.orgs, int(self.full_year), col),
            "earlier_year": int(self.earlier_year),
            "earlier": n_in(self.orgs, int(self.earlier_year), col),
        }

    def entries(self) -> dict:
        return {
            "orgs_above_compute_threshold": make_entry(
                "orgs_above_compute_threshold",
                {int(r.year): int(r.n_in_year) for r in self.orgs.itertuples()},
                unit="organizations",
                claims=["C4"],
                note=f"distinct organizations releasing a model of at least {sci(self.threshold_flop)} FLOP, by year",
            ),
            "orgs_above_compute_threshold_cumulative": make_entry(
                "orgs_above_compute_threshold_cumulative",
                {int(r.year): int(r.n_cumulative) for r in self.orgs.itertuples()},
                unit="organizations",
                claims=["C4"],
                note=f"distinct organizations that had released a model of at least {sci(self.threshold_flop)} FLOP "
                "by the end of each year (C4 counts "
                + ("these" if self.org_count == "cumulative" else "the in-year ones")
                + ", parameter c4_org_count)",
            ),
            "c4_org_comparison": make_entry(
                "c4_org_comparison",
                self.compared(),
                unit="organizations",
                claims=["C4"],
                note="the two counts C4's verdict compares (counting: in_year or cumulative, parameter c4_org_count)",
            ),
            "open_weights_share": make_entry(
                "open_weights_share",
                {
                    int(r.year): round(float(r.share_pct), 2)
                    for r in self.share.itertuples()
                    if r.year >= 2018
                },
                unit="% of notable models",
                claims=["C1", "C4"],
                note="Wilson 95% intervals in the notebook table",
            ),
        }


def diffusion(inputs: Inputs, P: Params) -> Diffusion:
    """Counts above ``compute_threshold_flop``, delays to match ``reference_model`` and open shares by year."""
    models, as_of = inputs.models, inputs.as_of
    try:
        nth = nth_org_lags(inputs.caps_all, P.reference_model, sorted({2, 5, P.c4_nth_org}), as_of=as_of)
    except KeyError as e:
        raise UserError(
            f"parameter reference_model: {e.args[0]}; choose a model name from data/capabilities.csv"
        ) from None
    ref = first_version(inputs.caps_all, P.reference_model)
    full_year = latest_full_year(as_of)
    return Diffusion(
        orgs=orgs_above_threshold(models, P.compute_threshold_flop, as_of=as_of),
        countries=orgs_above_threshold(models, P.compute_threshold_flop, as_of=as_of, by="country"),
        nth=nth,
        share=open_share_by_year(models[models["notable"]], as_of=as_of),
        full_year=full_year,
        earlier_year=full_year - 2,
        threshold_flop=P.compute_threshold_flop,
        reference_model=P.reference_model,
        reference_eci=float(ref["eci"]),
        reference_release=ref["release_date"],
        nth_org=P.c4_nth_org,
        default_share_pct=P.default_share_pct,
        org_count=P.c4_org_count,
    )
