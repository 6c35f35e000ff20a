"""Published figures on LLM prices, reproduced (``helpers.core.replication``): Epoch AI (9-900x per year at
fixed capability, 40x at GPT-4 level on GPQA Diamond), a16z (10x per year; 1,000x in three years; 62x at
MMLU 83) and Gundlach et al. (5-10x falling at fixed performance; 3-18x rising for running frontier
models). Each figure was checked on the publisher's page (search corpora, 2026-12-03); ours is computed
with their definition where our data allow, never tuned to their number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analysis.value_capture.prices import epoch_input, fit_decline, lowest_price_frontier
from helpers.core.replication import Figure

__all__ = ["figures"]

EPOCH_URL = "https://epoch.ai/data-insights/llm-inference-price-trends"
A16Z_URL = "https://a16z.com/llmflation-llm-inference-cost"
GUNDLACH_URL = "https://arxiv.org/html/2511.23455"
A16Z_DATE = pd.Timestamp("2024-11-12")


def _cheapest_by(data: pd.DataFrame, column: str, threshold: float, when: pd.Timestamp) -> tuple[float, str]:
    """(price, model) of the cheapest model with ``column`` >= ``threshold`` priced on or before ``when``."""
    ok = data[(data[column] >= threshold) & (data["price_date"] <= when) & data["price"].notna()]
    r = ok.sort_values(["price", "model"], kind="mergesort").iloc[0]
    return float(r["price"]), str(r["model"])


def figures(prices: pd.DataFrame, fixed, frontier) -> list[Figure]:
    """The published figures with ours beside them (``fixed``: prices.FixedCapability; ``frontier``:
    prices.Frontier)."""
    fits = fixed.fits
    data = epoch_input(prices)
    gpqa = fits[(fits["benchmark"] == "GPQA Diamond") & (fits["threshold_model"] == "GPT-4-0314")].iloc[0]
    own = dict(
        own=fixed.pooled["factor"],
        own_low=fixed.pooled["low"],
        own_high=fixed.pooled["high"],
        own_definition="pooled fit over Epoch AI's 21 thresholds (one slope, threshold intercepts)",
    )
    gpt3_start = data.loc[data["model"] == "GPT-3 175B (davinci)", "price_date"].min()
    a16z_front = lowest_price_frontier(data, "mmlu", 42.0, gpt3_start)
    a16z_fit = fit_decline(a16z_front["price_date"], a16z_front["price"])
    gpt3 = float(data.loc[data["model"] == "GPT-3 175B (davinci)", "price"].iloc[0])
    gpt4 = float(data.loc[data["model"] == "GPT-4-0314", "price"].iloc[0])
    c = frontier.change
    p42, m42 = _cheapest_by(data, "mmlu", 42.0, A16Z_DATE)
    p83, m83 = _cheapest_by(data, "mmlu", 83.0, A16Z_DATE)
    return [
        Figure(
            figure="Price fall at GPT-4's level on GPQA Diamond (PhD-level science)",
            publisher="Epoch AI, LLM inference prices have fallen rapidly but unequally across tasks",
            published="2025-03-12",
            definition="cheapest model at or above GPT-4-0314's GPQA Diamond score, log-linear fit, 3:1 prices",
            unit="x per year",
            theirs=40.0,
            ours=float(gpqa["ours"]),
            ours_low=float(gpqa["ours_low"]),
            ours_high=float(gpqa["ours_high"]),
            **own,
            note=f"the page rounds the fit to 40x; Epoch's results file gives {gpqa['theirs']:.1f}x, ours "
            f"{gpqa['ours']:.1f}x",
            claims=("C12",),
            url=EPOCH_URL,
        ),
        Figure(
            figure="Slowest fall among the performance milestones",
            publisher="Epoch AI, LLM inference prices have fallen rapidly but unequally across tasks",
            published="2025-03-12",
            definition="smallest decline factor of the 21 benchmark-threshold fits ('9x to 900x per year')",
            unit="x per year",
            theirs=9.0,
            ours=float(fits["ours"].min()),
            note="the page rounds the range; ours is the slowest of our 21 fits with their method and data",
            claims=("C12",),
            url=EPOCH_URL,
        ),
        Figure(
            figure="Fastest fall among the performance milestones",
            publisher="Epoch AI, LLM inference prices have fallen rapidly but unequally across tasks",
            published="2025-03-12",
            definition="largest decline factor of the 21 benchmark-threshold fits ('9x to 900x per year')",
            unit="x per year",
            theirs=900.0,
            ours=float(fits["ours"].max()),
            note="the fastest fits rest on 4 points in about seven months, so their own 90% intervals span several "
            "orders of magnitude: the top of the range is barely determined",
            claims=("C12",),
            url=EPOCH_URL,
        ),
        Figure(
            figure="Price fall of the cheapest model with MMLU of 42 or more",
            publisher="a16z (Guido Appenzeller), Welcome to LLMflation",
            published="2024-11-12",
            definition="cheapest model scoring MMLU ≥ 42 over time, since GPT-3 (Nov 2021); prices the average of "
            "input and output; OpenAI, Anthropic and Llama hosts only",
            unit="x per year",
            theirs=10.0,
            ours=a16z_fit["factor"],
            ours_low=a16z_fit["low"],
            ours_high=a16z_fit["high"],
            **own,
            note="ours: their threshold on Epoch AI's data (all providers, 3:1 prices, lowest-price frontier); "
            "a16z read a trend line off monthly minima, so the two need not agree closely",
            claims=("C12",),
            url=A16Z_URL,
        ),
        Figure(
            figure="Fall of the cheapest MMLU ≥ 42 price, Nov 2021 to Nov 2024 ($60 to $0.06)",
            publisher="a16z (Guido Appenzeller), Welcome to LLMflation",
            published="2024-11-12",
            definition="GPT-3's price at launch over the cheapest price of a model with MMLU ≥ 42 on the post's date",
            unit="x",
            theirs=1000.0,
            ours=gpt3 / p42,
            note=f"their end point is Llama 3.2 3B on Together.ai (input/output average); the cheapest qualifying "
            f"model in Epoch AI's data by then is {m42} at ${p42:.3g} (3:1)",
            claims=("C12",),
            url=A16Z_URL,
        ),
        Figure(
            figure="Fall of the cheapest MMLU ≥ 83 price since GPT-4 (Mar 2023 to Nov 2024)",
            publisher="a16z (Guido Appenzeller), Welcome to LLMflation",
            published="2024-11-12",
            definition="GPT-4's launch price over the cheapest price of a model with MMLU ≥ 83 on the post's date",
            unit="x",
            theirs=62.0,
            ours=gpt4 / p83,
            note=f"3:1 prices and Epoch's scores (a16z: input/output average, MMLU as reported by developers); the "
            f"cheapest MMLU ≥ 83 model in Epoch AI's data by then is {m83} at ${p83:.3g}",
            claims=("C12",),
            url=A16Z_URL,
        ),
        Figure(
            figure="Price fall at fixed benchmark performance, frontier models",
            publisher="Gundlach, Lynch, Mertens and Thompson, The Price of Progress (arXiv:2511.23455v2)",
            published="2026-03-23",
            definition="price to run a benchmark at a given score, frontier models, knowledge/reasoning/math/"
            "software benchmarks ('around 5x to 10x per year'; shown: the range's geometric middle)",
            unit="x per year",
            theirs=float(np.sqrt(50.0)),
            theirs_low=5.0,
            theirs_high=10.0,
            ours=None,
            **own,
            note="not computable here: they price whole benchmark runs (tokens used x price) on Artificial "
            "Analysis's data; ours prices tokens, so reasoning models' extra tokens are not counted",
            claims=("C12",),
            url=GUNDLACH_URL,
        ),
        Figure(
            figure="Change in the price of running frontier models",
            publisher="Gundlach, Lynch, Mertens and Thompson, The Price of Progress (arXiv:2511.23455v2)",
            published="2026-03-23",
            definition="price to run benchmarks with the frontier model of the day ('rising between 3x to 18x per "
            "year'; shown: the range's geometric middle)",
            unit="x per year",
            theirs=float(np.sqrt(54.0)),
            theirs_low=3.0,
            theirs_high=18.0,
            ours=None,
            own=c["factor"],
            own_low=c["low"],
            own_high=c["high"],
            own_definition="flagship list price per token, launch to launch, provider fixed effects (<1: falling)",
            note="not computable: theirs counts the tokens a frontier model spends per task (longer reasoning), ours "
            "the list price per token only; per token, flagship prices did not rise",
            claims=("C12",),
            url=GUNDLACH_URL,
        ),
    ]
