"""Reader words for internal names, and the palette's promises (one colour per concept, reserved colours)."""

from __future__ import annotations

import pytest

from helpers.core import labels, plots


@pytest.mark.parametrize(
    "name, words",
    [
        ("history_bt", "Arena history, Bradley-Terry tables"),
        ("otis_mock_aime_2024_2025", "OTIS Mock AIME 2024-2025"),
        ("bis_2022_10", "BIS rule, Oct 2022"),
        ("usg_2025_12", "US decision, Dec 2025"),
        ("bis_2022_13", "bis 2022 13"),  # not a month: the fallback
        ("some_new_thing", "some new thing"),
        (3, "3"),
    ],
)
def test_plain(name, words):
    assert labels.plain(name) == words


def test_plain_all_keeps_order():
    assert labels.plain_all(["gpqa_diamond", "mmlu_pro"]) == ["GPQA Diamond", "MMLU-Pro"]


def test_reserved_colours_are_used_by_their_concept_only():
    reserved = set(plots.RESERVED.values())
    assert len(reserved) == len(plots.RESERVED)
    for family in (plots.COMPANIES, plots.ARENA_SOURCES, plots.LICENCE_STATUS, plots.NEUTRAL):
        assert not reserved & set(family.values()), family


@pytest.mark.parametrize("family", ["COMPANIES", "ARENA_SOURCES", "LICENCE_STATUS"])
def test_colours_unique_within_a_family(family):
    colours = list(getattr(plots, family).values())
    assert len(colours) == len(set(colours))


def test_aliases_share_their_company_colour():
    assert plots.PALETTE["AWS"] == plots.PALETTE["Amazon"]
    assert plots.PALETTE["Google TPU"] == plots.PALETTE["Google"]
    assert plots.PALETTE["arena:history_bt"] == plots.ARENA_SOURCES["history_bt"]
    assert plots.colour("United States") == plots.PALETTE["US"]
