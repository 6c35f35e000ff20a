"""Published figures, reproduced (notebook 03): each publisher's number, ours computed with *their*
definition (their window, tolerance and estimand) and our own estimate beside it (``helpers.core.replication``).

Nothing here tunes a parameter toward a published number: "ours, their definition" fixes their choices
(Epoch's window, its 1-point tolerance, its end date), "our own" uses the notebook's parameters.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.replication import Figure, entry, table

from .us_china import lag_average

__all__ = ["EPOCH_US_CHINA", "entries", "published_entry", "published_figures", "table"]

# Epoch AI, "Chinese AI models have lagged the US frontier by 7 months on average since 2023" (Luke Emberson,
# 2026-01-02): record-setting models per country (the first of each dropped), each day the time since the
# US frontier was last within 1 ECI point of China's best, averaged over the days with a value
EPOCH_US_CHINA = {
    "months": 7.0,
    "min": 4.0,
    "max": 14.0,
    "start": "2023-01-01",
    "published": "2026-01-02",
    "tolerance": 1.0,
    "url": "https://epoch.ai/data-insights/us-vs-china-eci",
}
# NIST CAISI, "CAISI Evaluation of DeepSeek V4 Pro" (2026-05-01): DeepSeek V4 Pro performs similarly to GPT-5,
# released about 8 months earlier, on CAISI's IRT-fitted aggregate of benchmarks in five domains
CAISI_V4_MONTHS = 8.0
CAISI_URL = "https://www.nist.gov/news-events/news/2026/05/caisi-evaluation-deepseek-v4-pro"
# DeepSeek-AI, "DeepSeek-V3 Technical Report" (arXiv 2412.19437, 2024-12-27): 2.788M H800 GPU-hours at an
# assumed $2 per GPU-hour, $5.576M, official training run only
DEEPSEEK_V3_URL = "https://arxiv.org/abs/2412.19437"


def epoch_us_china(caps: pd.DataFrame, cg, seed: int) -> Figure:
    e = EPOCH_US_CHINA
    end = min(pd.Timestamp(e["published"]), caps["release_date"].max())
    theirs_def = lag_average(caps[caps["release_date"] <= end], e["start"], end, e["tolerance"], seed=seed)
    own = cg.lag_avg
    return Figure(
        figure="US-China lag on the ECI, time-averaged",
        publisher="Epoch AI, data insight 'Chinese AI models have lagged the US frontier by 7 months on "
        "average since 2023' (L. Emberson)",
        published=e["published"],
        definition="each day since 2023, the months since the US ECI frontier was last within 1 point of "
        "China's best (record-setting models, the first of each country dropped), averaged over the days "
        f"with a value; their range {e['min']:g}-{e['max']:g} months",
        unit="months",
        theirs=e["months"],
        ours=theirs_def.months,
        ours_low=theirs_def.low,
        ours_high=theirs_def.high,
        own=own.months,
        own_low=own.low,
        own_high=own.high,
        own_definition=f"the same estimand from {own.start:%Y-%m-%d} to the newest ECI release "
        f"({own.end:%Y-%m-%d}), tolerance {own.tolerance:g} (us_china_lag_months_avg)",
        note=f"ours ranges {theirs_def.min_months:.1f}-{theirs_def.max_months:.1f} months, the first defined day "
        f"{theirs_def.start:%Y-%m-%d} (theirs: May 2024, 14 months): our table is the April 2026 ECI release, whose "
        "scores were re-estimated since their January snapshot, and the release date and score it gives a model "
        "with several versions (data/metadata/capabilities.yaml) move the US frontier's steps, which sets the "
        "2024 lags",
        claims=("C8",),
        url=e["url"],
    )


def caisi_deepseek_v4(caps: pd.DataFrame, cg) -> Figure:
    v4 = caps[caps["model"].str.contains("DeepSeek-V4", case=False, na=False)]
    best_cn = cg.best_models["China"]
    return Figure(
        figure="DeepSeek V4 Pro behind the US frontier",
        publisher="NIST CAISI, 'CAISI Evaluation of DeepSeek V4 Pro'",
        published="2026-05-01",
        definition="months between DeepSeek V4 Pro (April 2026) and the release of the US model it matches (GPT-5) "
        "on CAISI's IRT-fitted aggregate of 16 benchmarks in five domains, some non-public",
        unit="months",
        theirs=CAISI_V4_MONTHS,
        ours=None,
        own=cg.lag_now,
        own_low=float(cg.lag_loose.dropna().iloc[-1]),
        own_high=cg.lag_strict_now,
        own_definition=f"the ECI lag of China's best model ({best_cn['model']}) on {cg.end:%Y-%m-%d}, the newest ECI "
        f"release, within {cg.P.eci_tolerance:g} points (interval: tolerance {2 * cg.P.eci_tolerance:g} to 0)",
        note=(
            f"not computable: DeepSeek V4 Pro has no ECI in our data (the ECI release ends {cg.end:%Y-%m-%d}), and "
            if v4.empty
            else "not computable: "
        )
        + "CAISI's IRT scale and its partly non-public suite are not ours. Ours is another model on another scale; "
        "CAISI finds that DeepSeek's self-reported scores would put V4 about 2 months behind, its own tests about 8",
        claims=("C8",),
        url=CAISI_URL,
    )


def deepseek_v3_cost(co) -> Figure:
    v3, P = co.v3, co.P
    hours = float(v3["gpu_hours"])
    return Figure(
        figure="DeepSeek-V3 training cost",
        publisher="DeepSeek-AI, 'DeepSeek-V3 Technical Report' (arXiv 2412.19437)",
        published="2024-12-27",
        definition="official training run only (pre-training, context extension, post-training): 2.788M H800 "
        "GPU-hours at an assumed rental price of $2 per GPU-hour; excludes research and ablations",
        unit="USD",
        theirs=float(v3["reported_cost_usd"]),
        ours=hours * float(v3["price_usd_per_gpu_hour"]),
        own=hours * P.price_usd_per_gpu_hour,
        own_low=hours * co.price_lo,
        own_high=hours * co.price_hi,
        own_definition=f"the same GPU-hours at this run's ${P.price_usd_per_gpu_hour:g} per GPU-hour, range "
        f"${co.price_lo:.2f}-{co.price_hi:.2f} (10th-90th percentile of on-demand H100/H800 rental since 2024)",
        note="their arithmetic reproduced from the reported GPU-hours; at market rental prices the same run costs "
        "more, and neither figure includes hardware ownership, research or staff",
        claims=("C7",),
        url=DEEPSEEK_V3_URL,
    )


def published_figures(inputs, cg, co) -> list[Figure]:
    """The rows of notebook 03's 'Published figures, reproduced' from its inputs, capability gap
    (``capability_gap``) and costs (``training_costs``)."""
    return [
        epoch_us_china(inputs.caps, cg, cg.P.seed),
        caisi_deepseek_v4(inputs.caps, cg),
        deepseek_v3_cost(co),
    ]


def entries(figures: list[Figure]) -> dict:
    """{"replication": entry(figures)}: the notebook's one replication key, for ``record_all``."""
    return {"replication": entry(figures)}


def published_entry(res) -> dict:
    """``entries`` of an ``Analysis`` (``claims.analyze``)."""
    return entries(published_figures(res.inputs, res.capability, res.costs))
