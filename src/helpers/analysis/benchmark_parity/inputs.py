"""The tables notebook 01 reads, loaded and cut to the analysis date in one place (``load_inputs``)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers import data
from helpers.analysis.benchmark_parity.basics import openness
from helpers.analysis.benchmark_parity.params import Params
from helpers.core.errors import UserError
from helpers.data.arena import select_arena


@dataclass(frozen=True, eq=False)
class Inputs:
    """Every table as loaded (``*_all``) and as seen on the analysis date ``as_of``.

    ``caps`` carries a boolean-like ``open`` column and ``models`` an ``open_weights`` column under the
    parameter ``open_definition``; ``sel`` is the Arena selection of the gap series (``select_arena``)."""

    as_of: pd.Timestamp  # the analysis date (parameter as_of, or the newest date in the data)
    as_of_is_newest: bool  # True when as_of was not given
    start: pd.Timestamp  # window_start
    eci_end: pd.Timestamp  # min(as_of, newest ECI release date): ECI coverage ends there
    open_definition: str
    caps_all: pd.DataFrame
    models_all: pd.DataFrame
    arena_all: pd.DataFrame
    bench_all: pd.DataFrame
    aa_all: pd.DataFrame
    caps: pd.DataFrame
    models: pd.DataFrame
    arena: pd.DataFrame
    bench: pd.DataFrame
    aa: pd.DataFrame
    sel: pd.DataFrame


def caps_as_of(caps_all: pd.DataFrame, as_of, definition: str) -> pd.DataFrame:
    """Models with an ECI released by ``as_of`` whose open/closed status is known under ``definition``,
    with a boolean-like ``open`` column."""
    caps = caps_all[caps_all["release_date"] <= pd.Timestamp(as_of)].copy()
    caps["open"] = openness(caps, definition)
    return caps.dropna(subset=["open"])


def load_inputs(P: Params) -> Inputs:
    """Load the five tables of notebook 01 and keep what was released (or snapshotted) by the analysis date."""
    caps_all, models_all = data.load("capabilities"), data.load("models")
    arena_all, bench_all, aa_all = (
        data.load("arena"),
        data.load("benchmark_scores"),
        data.load("artificial_analysis"),
    )
    return cut_inputs(caps_all, models_all, arena_all, bench_all, aa_all, P)


def cut_inputs(
    caps_all: pd.DataFrame,
    models_all: pd.DataFrame,
    arena_all: pd.DataFrame,
    bench_all: pd.DataFrame,
    aa_all: pd.DataFrame,
    P: Params,
) -> Inputs:
    """The tables as loaded, cut to the analysis date and read under ``P``'s data choices (``as_of``,
    ``window_start``, ``open_definition``, ``arena_category``, ``arena_style_control``): the part of
    ``load_inputs`` the specification grid repeats for other choices without loading again."""
    newest = max(
        caps_all["release_date"].max(), arena_all["snapshot_date"].max(), models_all["publication_date"].max()
    )
    as_of = pd.Timestamp(P.as_of) if P.as_of else newest
    caps = caps_as_of(caps_all, as_of, P.open_definition)
    if len(caps[caps["open"].astype(bool)]) == 0 or len(caps[~caps["open"].astype(bool)]) == 0:
        raise UserError(
            f"as_of = {as_of:%Y-%m-%d} leaves no open or no closed model with an ECI score; "
            "choose a later as_of"
        )
    models = models_all[models_all["publication_date"] <= as_of].copy()
    models["open_weights"] = openness(models, P.open_definition).fillna(False).astype(bool)
    arena = arena_all[arena_all["snapshot_date"] <= as_of]
    return Inputs(
        as_of=as_of,
        as_of_is_newest=P.as_of is None,
        start=pd.Timestamp(P.window_start),
        eci_end=min(as_of, caps_all["release_date"].max()),
        open_definition=P.open_definition,
        caps_all=caps_all,
        models_all=models_all,
        arena_all=arena_all,
        bench_all=bench_all,
        aa_all=aa_all,
        caps=caps,
        models=models,
        arena=arena,
        bench=bench_all[bench_all["release_date"].isna() | (bench_all["release_date"] <= as_of)],
        aa=aa_all[aa_all["release_date"].isna() | (aa_all["release_date"] <= as_of)],
        sel=select_arena(arena, category=P.arena_category, style_control=P.arena_style_control),
    )
