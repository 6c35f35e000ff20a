"""The sections a specification grid shares between its specifications (``analysis/<topic>/alternatives``).

A grid evaluates thousands of specifications of one notebook on one loaded ``inputs``; most of them differ
from each other in one or two choices, so most of a specification's sections (the concentration, the
delay's draws, a price fit) are those of another. ``SectionMemo.cached(name, key, compute)`` keeps each
section under the parameters it reads (``key``, the package's ``SECTION_READS``). The memo belongs to one
inputs object at a time, held so that it cannot be replaced by another with the same id: ``use(inputs)``
with any other inputs forgets everything first, so no value of other data is ever served.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable


class SectionMemo:
    def __init__(self) -> None:
        self.inputs = None
        self.store: dict = {}

    def clear(self) -> None:
        """Forget every cached section (tests use it to compute a specification from scratch)."""
        self.inputs = None
        self.store = {}

    def use(self, inputs) -> None:
        """Keep the cached sections only if they were computed from these very inputs."""
        if self.inputs is not inputs:
            self.clear()
            self.inputs = inputs

    def cached(self, name: str, key: tuple[Hashable, ...], compute: Callable):
        """``compute()`` once per (name, key) for the inputs of the last ``use``."""
        k = (name, key)
        if k not in self.store:  # a section may be None: membership, not the value, says it was computed
            self.store[k] = compute()
        return self.store[k]
