"""The tables notebook 03 reads, loaded and cut at the record's end date in one place."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers import data

__all__ = ["Inputs", "load_inputs"]

HALVING_ESTIMATE = "algo_halving_lm_neurips"  # the published halving time the defaults come from


@dataclass(frozen=True)
class Inputs:
    chips: pd.DataFrame
    rules: pd.DataFrame  # export_controls: one row per clause
    trends: pd.DataFrame
    models_all: pd.DataFrame  # every model (costs use the newest estimates whatever the end date)
    models: pd.DataFrame  # models published up to as_of
    caps: pd.DataFrame  # models with an ECI released up to as_of
    costs: pd.DataFrame
    prices: pd.DataFrame
    reported: pd.DataFrame
    arena: pd.DataFrame | None  # None when the Arena table is not available
    owners: pd.DataFrame  # compute_owners: Epoch's chip stock per owner, designer and quarter (H100e)
    as_of: pd.Timestamp
    eci_end: pd.Timestamp  # min(as_of, newest ECI release date): the ECI record ends there

    @property
    def halving(self) -> pd.Series:
        """The published halving-time estimate (central value and interval)."""
        return self.trends.set_index("estimate_id").loc[HALVING_ESTIMATE]


def load_inputs(P) -> Inputs:
    """Every table of the notebook; the record ends at ``P.as_of`` (None: the newest publication)."""
    models_all, caps = data.load("models"), data.load("capabilities")
    try:
        arena = data.load("arena")
    except data.DataError:
        arena = None
    as_of = pd.Timestamp(P.as_of) if P.as_of else models_all["publication_date"].max()
    return Inputs(
        chips=data.load("chips"),
        rules=data.load("export_controls"),
        trends=data.load("trend_estimates"),
        models_all=models_all,
        models=models_all[models_all["publication_date"] <= as_of],
        caps=caps[caps["release_date"] <= as_of],
        costs=data.load("training_costs"),
        prices=data.load("hardware_prices"),
        reported=data.load("reported_training_runs"),
        arena=arena,
        owners=data.load("compute_owners"),
        as_of=as_of,
        # the capability lag stops here: past the newest ECI release both frontiers are frozen, and a lag
        # counted on would grow by a month per month (issue 13)
        eci_end=min(as_of, caps["release_date"].max()),
    )
