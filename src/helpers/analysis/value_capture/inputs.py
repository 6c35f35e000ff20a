"""Notebook 04's inputs: the three market tables, loaded and validated once."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers import data

__all__ = ["Inputs", "load_inputs"]


@dataclass(frozen=True, eq=False)
class Inputs:
    margins: pd.DataFrame  # cloud_margins
    prices: pd.DataFrame  # api_prices
    epoch_fits: pd.DataFrame  # price_decline_fits (Epoch AI's 21 published fits)


def load_inputs(P=None) -> Inputs:
    """Load cloud_margins, api_prices and price_decline_fits (validated; the parameters are not read)."""
    return Inputs(data.load("cloud_margins"), data.load("api_prices"), data.load("price_decline_fits"))
