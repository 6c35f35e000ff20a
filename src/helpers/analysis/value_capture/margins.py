"""C6: operating margins of the cloud segments over time, the GPU clouds apart, and the comparison rows.

A segment's margin for the verdict is its latest fiscal year (or the mean of its last ``margin_years``
fiscal years, on one segment basis), or with ``margin_period="latest_period"`` its newest period of any
kind (quarter, trailing twelve months; of periods ending on the same day, the shortest). Google Cloud is read on its 2023 recast basis and Microsoft
Intelligent Cloud on its FY2025 recast basis for the latest values; the earlier bases stay in the series.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.core.results import make_entry

__all__ = ["GPU_CLOUDS", "HYPERSCALERS", "Margins", "margins"]

HYPERSCALERS = ("AWS", "Microsoft Intelligent Cloud", "Google Cloud")
GPU_CLOUDS = ("CoreWeave",)
# the basis each series' latest values are read on (the newest segment definition)
LATEST_BASIS = {
    "AWS": "as reported",
    "Google Cloud": "recast (2023 segment basis)",
    "Microsoft Intelligent Cloud": "FY2025 recast",
    "CoreWeave": "as reported",
    "NVIDIA": "as reported",
}
PERIOD_ORDER = {"FY": 0, "TTM": 1, "quarter": 2, "snapshot": 3}


@dataclass(frozen=True, eq=False)
class Margins:
    latest: pd.DataFrame  # one row per judged series: margin_pct, period label, n years, status, grade
    gpu: pd.DataFrame  # the GPU clouds' latest values (CoreWeave; Oracle's GPU rentals: gross margin only)
    layers: pd.DataFrame  # margins by layer of the stack (chips, clouds, GPU clouds, model providers)
    series: pd.DataFrame  # every operating margin row, for the figure
    comparisons: pd.DataFrame  # commodity and industry comparison rows
    judged: tuple[str, ...]  # the series C6 is judged on

    def entries(self) -> dict:
        lat = self.latest
        return {
            "cloud_operating_margin_latest_pct": make_entry(
                "cloud_operating_margin_latest_pct",
                {r.series: round(float(r.margin_pct), 2) for r in lat.itertuples()},
                unit="%",
                claims=["C6"],
                note="; ".join(f"{r.series}: {r.period}" for r in lat.itertuples()),
            ),
            "gpu_cloud_operating_margin_latest_pct": make_entry(
                "gpu_cloud_operating_margin_latest_pct",
                {
                    r.series: round(float(r.margin_pct), 2)
                    for r in self.gpu.itertuples()
                    if pd.notna(r.margin_pct)
                },
                unit="%",
                claims=["C6"],
                note="; ".join(f"{r.series}: {r.period}" for r in self.gpu.itertuples()),
            ),
        }


def _latest(df: pd.DataFrame, series: str, P) -> dict | None:
    g = df[(df["series"] == series) & df["operating_margin_pct"].notna()]
    basis = LATEST_BASIS.get(series)
    if basis is not None:
        g = g[g["basis"] == basis]
    if g.empty:
        return None
    if P.margin_period == "fiscal_year" and (g["period_type"] == "FY").any():
        fy = g[g["period_type"] == "FY"].sort_values("period_end").tail(P.margin_years)
        rev, inc = fy["revenue_usd"], fy["operating_income_usd"]
        pct = (
            float(100 * inc.sum() / rev.sum())
            if rev.notna().all() and inc.notna().all()
            else float(fy["operating_margin_pct"].mean())
        )
        periods = list(fy["fiscal_period"])
        label = periods[-1] if len(periods) == 1 else f"{periods[0]} to {periods[-1]} ({len(periods)} years)"
        rows = fy
    else:
        rows = g.assign(_o=g["period_type"].map(PERIOD_ORDER)).sort_values(["period_end", "_o"]).tail(1)
        pct = float(rows["operating_margin_pct"].iloc[0])
        label = str(rows["fiscal_period"].iloc[0])
    worst = (
        "secondary"
        if (rows["value_status"] == "secondary").any()
        else "derived"
        if (rows["value_status"] == "derived").any()
        else "reported"
    )
    grade = max(rows["grade"], key="HML".index)  # the weakest grade among the rows used
    return {
        "series": series,
        "margin_pct": pct,
        "period": label,
        "n_periods": len(rows),
        "value_status": worst,
        "grade": grade,
        "period_end": rows["period_end"].max(),
    }


def margins(inputs, P) -> Margins:
    """The C6 numbers: each judged series' margin, the GPU clouds apart, margins by layer, the series."""
    df = inputs.margins
    judged = HYPERSCALERS + (GPU_CLOUDS if P.include_gpu_clouds else ())
    latest = pd.DataFrame([r for s in judged if (r := _latest(df, s, P)) is not None])
    gpu_rows = [r for s in GPU_CLOUDS if (r := _latest(df, s, P)) is not None]
    orc = df[df["series"] == "Oracle GPU rentals"]
    for r in orc.itertuples():
        gpu_rows.append(
            {
                "series": r.series,
                "margin_pct": None,
                "gross_margin_pct": r.gross_margin_pct,
                "period": r.fiscal_period,
                "n_periods": 1,
                "value_status": r.value_status,
                "grade": r.grade,
                "period_end": r.period_end,
            }
        )
    gpu = pd.DataFrame(gpu_rows)
    nv = _latest(df, "NVIDIA", P.model_copy(update={"margin_period": "latest_period"}))
    layer_rows = [
        {
            "layer": "chips (NVIDIA, company-wide)",
            "margin_pct": nv["margin_pct"],
            "period": nv["period"],
            "what": "GAAP operating margin",
        },
        *[
            {
                "layer": f"cloud ({r.series})",
                "margin_pct": r.margin_pct,
                "period": r.period,
                "what": "segment operating margin",
            }
            for r in latest[latest["series"].isin(HYPERSCALERS)].itertuples()
        ],
        *[
            {
                "layer": f"GPU cloud ({r['series']})",
                "margin_pct": r["margin_pct"] if r["margin_pct"] is not None else r.get("gross_margin_pct"),
                "period": r["period"],
                "what": "GAAP operating margin"
                if r["margin_pct"] is not None
                else "GROSS margin (internal documents, reported)",
            }
            for r in gpu_rows
        ],
        {
            "layer": "model providers (OpenAI, Anthropic, ...)",
            "margin_pct": None,
            "period": "",
            "what": "not public",
        },
    ]
    series = df[
        df["operating_margin_pct"].notna()
        & df["period_end"].notna()
        & df["layer"].isin(["cloud", "gpu_cloud", "chips"])
    ]
    series = series[series["row_type"] != "cloud_company_wide"]
    comps = df[df["layer"].isin(["commodity", "other"])][
        ["series", "fiscal_period", "operating_margin_pct", "margin_basis", "grade"]
    ]
    return Margins(
        latest=latest,
        gpu=gpu,
        layers=pd.DataFrame(layer_rows),
        series=series.copy(),
        comparisons=comps.reset_index(drop=True),
        judged=judged,
    )
