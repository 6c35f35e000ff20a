"""Declared analyst choices and their defensible alternatives: the vocabulary of the specification grid.

Each analysis package declares, in its ``alternatives.py``, every choice its verdicts read (a threshold,
tolerance, metric, window, measure set, counting rule or band), as a parameter of its notebook's model:
the default is the model's default, and each ``Alternative`` is another value a referee could defend,
with a one-line reason and where it comes from. A parameter a verdict reads that has no defensible
alternative (a seed, a draw count) is declared in ``fixed`` with the reason. ``grid`` then lists the
specifications: the full product where it is small, a seeded sample of a stated size where it is not,
always with the default and every one-choice change included.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from helpers.core.text import label, setting

__all__ = [
    "Alternative",
    "Choice",
    "Declared",
    "ReadRecorder",
    "flip_table",
    "grid",
    "one_change_specs",
    "summarize",
]


@dataclass(frozen=True)
class Alternative:
    value: Any
    reason: str  # why a referee could choose it, in one line
    source: str  # where it comes from: a paper's range, another publisher's definition, a critic's point


@dataclass(frozen=True)
class Choice:
    """An analyst choice: a parameter of the notebook's model, the claims whose verdicts read it, and its
    defensible alternatives (values other than the model's default)."""

    param: str
    claims: tuple[str, ...]
    alternatives: tuple[Alternative, ...]
    what: str = ""  # what the choice decides, for readers of the robustness table

    def __post_init__(self):
        if not self.alternatives:
            raise ValueError(f"choice {self.param}: declare at least one alternative (or put it in fixed)")


@dataclass(frozen=True)
class Declared:
    """Everything a notebook declares: its choices and the parameters its verdicts read without
    alternatives, each with the reason it has none."""

    notebook: str
    choices: tuple[Choice, ...]
    fixed: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        names = [c.param for c in self.choices]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"{self.notebook}: choices declared twice: {dup}")
        both = sorted(set(names) & set(self.fixed))
        if both:
            raise ValueError(f"{self.notebook}: parameters both varied and fixed: {both}")

    def for_claim(self, claim: str) -> tuple[Choice, ...]:
        return tuple(c for c in self.choices if claim in c.claims)

    @property
    def claims(self) -> tuple[str, ...]:
        out = sorted({k for c in self.choices for k in c.claims}, key=lambda s: int(s[1:]))
        return tuple(out)

    def undeclared(self, read: Iterable[str]) -> list[str]:
        """Parameters in ``read`` that are neither a declared choice nor fixed with a reason."""
        known = {c.param for c in self.choices} | set(self.fixed)
        return sorted(set(read) - known)


def one_change_specs(choices: Sequence[Choice]) -> list[dict]:
    """The default ({}) and every specification that changes exactly one choice."""
    out = [{}]
    for c in choices:
        out += [{c.param: a.value} for a in c.alternatives]
    return out


def grid(choices: Sequence[Choice], max_specs: int, seed: int) -> tuple[list[dict], bool]:
    """Specifications over ``choices``: (list of {param: value} overrides, sampled?).

    The full product of (default, alternatives...) per choice when it has at most ``max_specs`` members;
    otherwise the default, every one-change specification, and a seeded sample without repetition of the
    rest up to ``max_specs`` in all. An override equal to the default is left out of the dict, so the
    default specification is ``{}``."""
    if max_specs < 1:
        raise ValueError("max_specs must be at least 1")
    sizes = [1 + len(c.alternatives) for c in choices]
    total = math.prod(sizes)

    def spec(index: Sequence[int]) -> dict:
        return {c.param: c.alternatives[i - 1].value for c, i in zip(choices, index) if i}

    if total <= max_specs:
        return [spec(ix) for ix in itertools.product(*(range(s) for s in sizes))], False
    base = one_change_specs(choices)
    if len(base) >= max_specs:
        return base[:max_specs], True
    rng = np.random.default_rng(seed)
    seen = {tuple(sorted(s.items(), key=lambda kv: kv[0])) for s in base}
    out = list(base)
    # draw mixed-radix indices without repetition (rejection; the grid is much larger than the sample)
    tries = 0
    while len(out) < max_specs and tries < 50 * max_specs:
        tries += 1
        ix = [int(rng.integers(0, s)) for s in sizes]
        s = spec(ix)
        key = tuple(sorted(s.items(), key=lambda kv: kv[0]))
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out, True


def summarize(claim: str, specs: Sequence[dict], verdicts: Sequence[str], choices: Sequence[Choice]) -> dict:
    """Per claim: how many specifications give each verdict, the default's verdict, and the single choices
    that flip it (one-change specifications whose verdict differs), most influential first (by the share
    of all specifications in which that choice's alternative value gives another verdict than the default)."""
    if len(specs) != len(verdicts):
        raise ValueError("summarize: one verdict per specification")
    try:
        default = verdicts[list(specs).index({})]
    except ValueError:
        raise ValueError(f"{claim}: the default specification ({{}}) is not in the grid") from None
    shares: dict[str, int] = {}
    for v in verdicts:
        shares[v] = shares.get(v, 0) + 1
    flips = []
    for c in choices:
        for a in c.alternatives:
            one = {c.param: a.value}
            if one in specs and verdicts[list(specs).index(one)] != default:
                with_it = [
                    v for s, v in zip(specs, verdicts) if s.get(c.param, None) == a.value and c.param in s
                ]
                moved = sum(v != default for v in with_it) / len(specs)
                flips.append(
                    {
                        "param": c.param,
                        "value": a.value,
                        "verdict": verdicts[list(specs).index(one)],
                        "reason": a.reason,
                        "source": a.source,
                        "share_moved": round(moved, 6),
                    }
                )
    flips.sort(key=lambda f: (-f["share_moved"], f["param"], str(f["value"])))
    agree = shares.get(default, 0)
    return {
        "claim": claim,
        "default": default,
        "n_specs": len(specs),
        "agree": agree,
        "shares": {k: shares[k] for k in sorted(shares)},
        "flipped_by": flips,
        "fragile": bool(flips),
    }


class ReadRecorder:
    """Wraps a parameter model and records which of its fields are read, so a test can check that a
    verdict reads no parameter without declared alternatives (or a declared reason for having none)."""

    def __init__(self, params):
        object.__setattr__(self, "_params", params)
        object.__setattr__(self, "read", set())

    def __getattr__(self, name):
        params = object.__getattribute__(self, "_params")
        if name in type(params).model_fields:
            object.__getattribute__(self, "read").add(name)
        return getattr(params, name)

    def __setattr__(self, name, value):
        raise AttributeError("parameters are read-only here")


def single_flips(declared: Declared, verdicts, inputs, P) -> tuple[dict, dict]:
    """(verdicts for ``P``, {claim: the single declared changes that flip its verdict}): each
    alternative of each choice tried alone against ``P``, as a notebook tells its reader."""
    base = verdicts(inputs, P)
    flips: dict[str, list[dict]] = {c: [] for c in declared.claims}
    for choice in declared.choices:
        for a in choice.alternatives:
            if getattr(P, choice.param) == a.value:
                continue
            try:
                got = verdicts(inputs, P.model_copy(update={choice.param: a.value}))
            except ValueError as e:  # the change does not combine with this run's other parameters
                for claim in choice.claims:
                    if claim in flips:
                        flips[claim].append(
                            {"param": choice.param, "value": a.value, "verdict": None, "reason": str(e)}
                        )
                continue
            for claim in choice.claims:
                if claim in flips and got[claim] != base[claim]:
                    flips[claim].append(
                        {"param": choice.param, "value": a.value, "verdict": got[claim], "reason": a.reason}
                    )
    return base, flips


def flip_table(flips: tuple[dict, dict] | dict, claims=None):
    """The single changes that flip a verdict, one row each (claim, choice, alternative, the verdict it
    gives, why a referee could choose it); ``flips`` as ``single_flips`` returns it."""
    fl = flips[1] if isinstance(flips, tuple) else flips
    rows = [
        {
            "Claim": c,
            "Choice": label(f["param"]),
            "Alternative": f["value"],
            "Verdict it gives": f["verdict"],
            "Why a referee could choose it": f["reason"],
        }
        for c in (claims or fl)
        for f in fl.get(c, [])
        if f["verdict"] is not None
    ]
    return pd.DataFrame(
        rows, columns=["Claim", "Choice", "Alternative", "Verdict it gives", "Why a referee could choose it"]
    )


def describe_flips(base: dict, flips: dict, declared: Declared, most: int = 3) -> str:
    """Markdown: per claim, whether any single defensible change flips its verdict, and which."""
    lines = []
    for claim, fl in flips.items():
        n = sum(len(c.alternatives) for c in declared.for_claim(claim))
        skipped = [f for f in fl if f["verdict"] is None]
        fl = [f for f in fl if f["verdict"] is not None]
        note = f" ({len(skipped)} not applicable with this run's other parameters)" if skipped else ""
        if not fl:
            lines.append(
                f"- **{claim}** ({base[claim]}) holds under each of its {n} single changes of a declared choice{note}."
            )
            continue
        shown = "; ".join(
            f"*{setting(f['param'], f['value'])}* gives {f['verdict']} ({f['reason']})" for f in fl[:most]
        )
        more = f"; and {len(fl) - most} more" if len(fl) > most else ""
        lines.append(
            f"- **{claim}** ({base[claim]}) is **fragile**: {len(fl)} of its {n} single changes flip it: {shown}{more}{note}."
        )
    return (
        "**How sure is each verdict?** Each declared alternative tried alone (all of them, and their "
        "combinations, in `python -m helpers robustness`):\n\n" + "\n".join(lines)
    )
