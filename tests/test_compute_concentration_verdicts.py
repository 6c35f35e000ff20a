"""The C5 rules of notebook 02 (helpers.analysis.compute_concentration.verdicts): pure functions
of numbers and thresholds, tested at and around every threshold and on the cases that flip them."""

from __future__ import annotations

import pytest

from helpers.analysis.compute_concentration import verdicts as v
from helpers.core.verdicts import NOT_SUPPORTED, PARTLY, SUPPORTED

LAYERS = ("accelerators", "foundry", "cloud", "owners")
CTRL, HIGH = 50.0, 1800.0


def rule(joint, hhi, control=CTRL, high=HIGH, **kw):
    return v.c5_value(dict(zip(LAYERS, joint)), dict(zip(LAYERS, hhi)), control, high, **kw)


# the default run's numbers: every layer controlled, cloud and owners not highly concentrated
DEFAULT_JOINT = (69.1, 70.4, 63.0, 55.6)
DEFAULT_HHI = (5218.2, 5006.6, 1421.0, 1143.0)


def test_default_numbers_give_partly_supported():
    assert rule(DEFAULT_JOINT, DEFAULT_HHI) == PARTLY


def test_supported_needs_every_layer_controlled_and_highly_concentrated():
    assert rule((60, 60, 60, 60), (2000, 2000, 2000, 2000)) == SUPPORTED
    # one layer's HHI low bound falls to the threshold: no longer 'above' it
    assert rule((60, 60, 60, 60), (2000, 2000, 2000, 1800)) == PARTLY
    assert rule((60, 60, 60, 60), (2000, 2000, 2000, 1800.01)) == SUPPORTED


def test_control_threshold_is_inclusive():
    high = (2000,) * 4
    assert rule((50, 60, 60, 60), high) == SUPPORTED  # exactly control_share_pct counts
    assert rule((49.99, 60, 60, 60), high) == PARTLY
    assert rule((60, 60, 60, 60), high, control=60) == SUPPORTED
    assert rule((60, 60, 60, 60), high, control=60.01) == NOT_SUPPORTED  # none clears it any more


def test_fewer_than_half_controlled_is_not_supported():
    high = (2000,) * 4
    assert rule((60, 60, 10, 10), high) == PARTLY  # two of four: exactly half is not 'fewer'
    assert rule((60, 10, 10, 10), high) == NOT_SUPPORTED
    assert rule((10, 10, 10, 10), high) == NOT_SUPPORTED
    assert rule((60, 60, 10, 10), high, not_supported_below=0.75) == NOT_SUPPORTED
    assert rule((60, 10, 10, 10), high, not_supported_below=0.25) == PARTLY


def test_concentration_requirement_can_be_dropped():
    assert rule(DEFAULT_JOINT, DEFAULT_HHI, require_all_highly_concentrated=False) == SUPPORTED
    assert rule((60, 60, 49, 60), DEFAULT_HHI, require_all_highly_concentrated=False) == PARTLY


def test_hhi_threshold_flips_the_default():
    # the 2010 bands make no difference to the default (cloud and owners are below either line) ...
    assert rule(DEFAULT_JOINT, DEFAULT_HHI, high=2500) == PARTLY
    # ... a threshold just below the owners' low bound does
    assert rule(DEFAULT_JOINT, DEFAULT_HHI, high=1142.9) == SUPPORTED
    assert rule(DEFAULT_JOINT, DEFAULT_HHI, high=1143.0) == PARTLY


def test_the_strict_scenario_is_not_supported():
    # notebooks/scenarios/strict_control_2010_bands.yaml: 75% for control, 2010 bands
    assert rule(DEFAULT_JOINT, DEFAULT_HHI, control=75, high=2500) == NOT_SUPPORTED
    assert rule(DEFAULT_JOINT, DEFAULT_HHI, control=63, high=2500) == PARTLY  # three of four clear 63%


def test_fewer_layers_when_the_named_companies_sit_in_fewer():
    assert (
        v.c5_value({"accelerators": 90, "owners": 10}, {"accelerators": 8000, "owners": 3000}, 50, 1800)
        == PARTLY
    )
    assert v.c5_value({"owners": 10}, {"owners": 3000}, 50, 1800) == NOT_SUPPORTED
    assert v.c5_value({"owners": 50}, {"owners": 3000}, 50, 1800) == SUPPORTED


def test_rule_refuses_mismatched_layers():
    with pytest.raises(ValueError, match="same"):
        v.c5_value({"cloud": 60}, {"owners": 2000}, 50, 1800)
    with pytest.raises(ValueError, match="non-empty"):
        v.c5_value({}, {}, 50, 1800)


def _c5(**kw):
    args = dict(
        joint_share=dict(zip(LAYERS, DEFAULT_JOINT)),
        hhi_low=dict(zip(LAYERS, DEFAULT_HHI)),
        control_share_pct=CTRL,
        hhi_highly_concentrated=HIGH,
        top_n=5,
        top_share=73.1,
        top_band=(68.7, 77.7),
        top_not_named=["Meta", "Oracle"],
        tracked_designers=["AMD", "Amazon Trainium", "Google TPU", "NVIDIA"],
    )
    return v.c5(**{**args, **kw})


def test_c5_reason_carries_its_evidence():
    verdict = _c5()
    assert (verdict.claim, verdict.value, verdict.key) == ("C5", PARTLY, "verdict_C5")
    assert verdict.reason.startswith(
        "C5 is partly supported. Share test (do the named companies hold at least 50% of each layer "
        "together?): yes, in all 4 layers: accelerators 69% (≥ 50%); foundry 70% (≥ 50%); cloud 63% (≥ 50%); "
        "owners 56% (≥ 50%). Concentration test (HHI low bound above 1,800?): in 2 of 4 layers (accelerators "
        "and foundry): accelerators 5,218 among the tracked designers (AMD, Amazon Trainium, Google TPU and "
        "NVIDIA; untracked ones such as Huawei would lower it) (above 1,800); "
    )
    assert "cloud ≥ 1,421 (not above 1,800)" in verdict.reason
    assert "Combination: supported needs every layer passing both tests; not supported means fewer" in (
        verdict.reason
    )
    assert verdict.reason.endswith(
        "The real top 5 owners of AI compute hold 73% (69–78%) and include Meta and "
        "Oracle, which the essay does not name."
    )


def test_c5_reason_follows_the_thresholds():
    verdict = _c5(control_share_pct=75, hhi_highly_concentrated=2500, top_not_named=[])
    assert verdict.value == NOT_SUPPORTED
    assert (
        "(< 75%)" in verdict.reason
        and "(not above 2,500)" in verdict.reason
        and "(above 2,500)" in verdict.reason
    )
    assert verdict.reason.endswith("hold 73% (69–78%).")


def test_the_two_tests_answer_separately():
    joint, hhi = dict(zip(LAYERS, DEFAULT_JOINT)), dict(zip(LAYERS, DEFAULT_HHI))
    assert v.share_test(joint, 50) == dict.fromkeys(LAYERS, True)
    assert v.share_test(joint, 69.1) == {
        "accelerators": True,
        "foundry": True,
        "cloud": False,
        "owners": False,
    }
    assert v.concentration_test(hhi, 1800) == {
        "accelerators": True,
        "foundry": True,
        "cloud": False,
        "owners": False,
    }
    assert v.concentration_test(hhi, 5218.2) == dict.fromkeys(LAYERS, False)  # 'above' is strict
    assert v.answer(v.share_test(joint, 50)) == "yes, in all 4 layers"
    assert v.answer(v.concentration_test(hhi, 1800)) == "in 2 of 4 layers (accelerators and foundry)"
    assert v.answer(v.share_test(joint, 99)) == "in none of the 4 layers"


def test_the_combination_is_stated_in_the_reason():
    lenient = _c5(require_all_highly_concentrated=False)
    assert lenient.value == SUPPORTED
    assert "every layer passing the share test (the concentration test is reported, not required)" in (
        lenient.reason
    )
    assert "fewer than 25% of the layers" in _c5(not_supported_below=0.25).reason
    other = _c5(acc_other_view=("with TPU and Trainium under Google and Amazon", 93.7))
    assert "accelerators 69% (≥ 50%; 94% with TPU and Trainium under Google and Amazon)" in other.reason
