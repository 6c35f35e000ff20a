"""Parameters of notebook 01 (benchmark parity between open and closed models, claims C1-C4)."""

from __future__ import annotations

import difflib
from datetime import date
from typing import Literal

from pydantic import field_validator, model_validator

from helpers.core.params import NotebookParams, P


class Params(NotebookParams):
    as_of: date | None = P(
        None,
        "Only models released and snapshots taken on or before this date count "
        "(None: the newest date in the data)",
        unit="date",
    )
    window_start: date = P(
        date(2024, 1, 1),
        "Start of the span over which open-vs-closed lags and the gap trend are estimated",
        unit="date",
    )
    quality_threshold_pct: float = P(
        90.0,
        "C2: share of GPT-4.5's quality that Llama 4 Maverick must reach on a measure",
        unit="%",
        gt=0,
        le=100,
    )
    match_tolerance_pct: float = P(
        5.0,
        "C3: a model 'matches' the best closed model on a measure when its "
        "ratio is at least 100 - this; C1: the same bound for the best open vs "
        "the best closed model on Arena",
        unit="%",
        ge=0,
        lt=100,
    )
    compute_threshold_flop: float = P(
        1e25,
        "C4: training compute above which a model counts as frontier-scale",
        unit="FLOP",
        gt=1e20,
        lt=1e30,
    )
    n_boot: int = P(1000, "Bootstrap resamples for intervals", unit="resamples", ge=20, le=100000)
    seed: int = P(20261130, "Seed of the random generator (numpy default_rng)", ge=0)
    open_definition: Literal["any_open_weights", "unrestricted_only"] = P(
        "any_open_weights",
        "What counts as open on Epoch data: any open-weights release, or only "
        "unrestricted licences (restricted and non-commercial count as closed)",
    )
    arena_category: Literal["overall", "hard_prompts", "coding"] = P(
        "overall", "Arena category for the 2026 official leaderboard (earlier sources have overall only)"
    )
    arena_style_control: bool = P(
        True,
        "Use style-controlled ratings of the 2026 official leaderboard "
        "(earlier sources keep the single view they published)",
    )
    comparison_metric: Literal["natural", "score_ratio", "error_ratio", "win_ratio", "strict"] = P(
        "natural",
        "Ratio used for the C2/C3 verdicts and C1's Arena criterion: natural (win-probability ratio for Arena "
        "ratings, score ratio otherwise), score ratio everywhere, error_ratio (error-rate ratio on accuracy "
        "measures, win-probability ratio on Arena ratings, which have no error rate, score ratio on indexes), "
        "win_ratio (the same as natural) or strict (the same as error_ratio, its older name)",
    )
    aa_legacy_scores: Literal["keep", "drop"] = P(
        "drop",
        "C2: drop or keep Artificial Analysis rows flagged legacy_index_only (an index score with no component "
        "scores and zero prices, GPT-4.5's 13.6 among them)",
    )
    maverick_variant: Literal["released", "experimental"] = P(
        "released",
        "Which Llama 4 Maverick counts on Arena for C2: the released open-weights model or the "
        "unreleased chat-tuned experimental variant",
    )
    reference_model: str = P(
        "GPT-4o",
        "C4: frontier model whose ECI the n-th organization has to match "
        "(a model name in the capabilities table)",
    )
    majority_pct: float = P(
        50.0, "C2/C3: share of measures at which 'most' is reached", unit="%", gt=0, le=100
    )
    partly_min_pct: float = P(
        25.0,
        "C2/C3: share of measures from which a claim counts as partly supported (below it: not supported)",
        unit="%",
        ge=0,
        le=100,
    )
    caught_up_months: float = P(
        3.0,
        "C1: open counts as caught up when the upper bound of the median lag is at most this",
        unit="months",
        ge=0,
        le=60,
    )
    default_share_pct: float = P(
        50.0,
        "C1: share of new notable models with open weights for open to be 'the default'",
        unit="%",
        ge=0,
        le=100,
    )
    c4_min_orgs: int = P(
        10,
        "C4: organizations above the compute threshold in the latest full year for 'any well-funded lab'",
        unit="organizations",
        ge=1,
        le=200,
    )
    c4_org_count: Literal["in_year", "cumulative"] = P(
        "in_year",
        "C4: count the organizations that released a model above the compute threshold in the year itself, or "
        "every one that had done so by the end of the year",
    )
    c4_nth_org: int = P(
        10,
        "C4: the n-th organization whose delay to match the reference model is judged",
        unit="organizations",
        ge=2,
        le=50,
    )
    c4_max_months: float = P(
        24.0, "C4: the n-th organization must match the reference within this", unit="months", gt=0, le=120
    )
    hac_lags: int = P(
        3, "Newey-West lags for the HAC standard errors of the gap trend", unit="months", ge=0, le=24
    )

    @field_validator("reference_model")
    @classmethod
    def _known_model(cls, v: str) -> str:
        # imported here, not at the top: the runner imports this model to validate parameters before any
        # kernel starts, and only this check needs the data layer (pandas, pandera: about a second)
        from helpers.data import load

        try:
            names = set(load("capabilities")["model"])
        except Exception:  # the table itself is checked when the notebook loads it
            return v
        if v not in names:
            close = difflib.get_close_matches(v, sorted(names), n=3, cutoff=0.5)
            hint = f"; close names: {', '.join(close)}" if close else ""
            raise ValueError(f"= {v!r} is not a model in data/capabilities.csv{hint}")
        return v

    @model_validator(mode="after")
    def _dates(self):
        if self.partly_min_pct > self.majority_pct:
            raise ValueError(
                f"partly_min_pct ({self.partly_min_pct:g}) must not exceed majority_pct "
                f"({self.majority_pct:g})"
            )
        if self.window_start < date(2023, 1, 1):
            raise ValueError(
                f"window_start = {self.window_start} is before 2023-01-01, where the Capabilities "
                "Index has too few open models to define an open frontier"
            )
        if self.as_of is not None:
            if self.as_of <= self.window_start:
                raise ValueError(f"as_of = {self.as_of} must be after window_start = {self.window_start}")
            if self.as_of < date(2024, 1, 1):
                raise ValueError(
                    f"as_of = {self.as_of} is before 2024-01-01: the lag window needs data after "
                    "window_start (the earliest allowed window_start is 2023-01-01)"
                )
        return self
