"""The verdict vocabulary: the words a verdict may take, and a verdict as a value with its reason.

Every analysis decides its claims' verdicts with pure functions that return a ``Verdict``; the scorecard
adds two states of its own ("context only" for background figures, "not evaluated" when a notebook did
not run). One place for these words, so a misspelt verdict fails where it is made.
"""

from __future__ import annotations

from dataclasses import dataclass

SUPPORTED = "supported"
PARTLY = "partly supported"
NOT_SUPPORTED = "not supported"
NOT_TESTABLE = "not testable"
CONTEXT_ONLY = "context only"
NOT_EVALUATED = "not evaluated"

TESTED = (SUPPORTED, PARTLY, NOT_SUPPORTED)  # verdicts that judge the claim
VERDICTS = TESTED + (NOT_TESTABLE,)  # what an analysis may conclude
SCORECARD_STATES = VERDICTS + (CONTEXT_ONLY, NOT_EVALUATED)

__all__ = [
    "CONTEXT_ONLY",
    "NOT_EVALUATED",
    "NOT_SUPPORTED",
    "NOT_TESTABLE",
    "PARTLY",
    "SCORECARD_STATES",
    "SUPPORTED",
    "TESTED",
    "VERDICTS",
    "Verdict",
    "by_count",
]


@dataclass(frozen=True)
class Verdict:
    """A claim's verdict and the sentence that gives its reason (written from the numbers it rests on)."""

    claim: str
    value: str
    reason: str

    def __post_init__(self):
        if self.value not in VERDICTS:
            raise ValueError(f"verdict for {self.claim}: {self.value!r} is not one of {', '.join(VERDICTS)}")

    @property
    def key(self) -> str:
        """The results key the verdict is recorded under (``verdict_C7``)."""
        return f"verdict_{self.claim}"


def by_count(passed: int, of: int) -> str:
    """All of ``of`` conditions hold -> supported, none -> not supported, some -> partly supported."""
    if of <= 0:
        raise ValueError("by_count needs at least one condition")
    if not 0 <= passed <= of:
        raise ValueError(f"by_count: passed = {passed} is not between 0 and {of}")
    return SUPPORTED if passed == of else NOT_SUPPORTED if passed == 0 else PARTLY
