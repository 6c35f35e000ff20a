"""Lazy package attributes for the analysis packages (PEP 562).

The runner imports ``helpers.analysis.<topic>.params`` to validate every parameter before any kernel
starts; Python runs the package's ``__init__`` first, and an ``__init__`` that imported its sections would
load matplotlib, scipy, statsmodels and the data layer into every command (3-6 s each). With
``lazy_exports`` a package names its submodules and entry points, and each loads on first use:
``bp.frontier.eci(...)`` in a notebook works as with eager imports.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping

__all__ = ["lazy_exports"]


def lazy_exports(package: str, submodules: Iterable[str], entry_points: Mapping[str, str]):
    """``(__getattr__, __dir__, __all__)`` for ``package``: ``submodules`` load on first access, and
    each entry point ``name -> submodule`` is that submodule's attribute of the same name.

    Entry points and submodules need distinct names: importing a submodule sets the package attribute
    of its name, which would shadow an entry point of that name."""
    subs = frozenset(submodules)
    entries = dict(entry_points)
    clash = subs & set(entries)
    if clash:
        raise ValueError(f"{package}: names both a submodule and an entry point: {sorted(clash)}")
    unknown = set(entries.values()) - subs
    if unknown:
        raise ValueError(f"{package}: entry points in undeclared submodules: {sorted(unknown)}")

    def __getattr__(name: str):
        if name in entries:
            return getattr(importlib.import_module(f"{package}.{entries[name]}"), name)
        if name in subs:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__():
        return sorted(subs | set(entries))

    return __getattr__, __dir__, sorted(subs | set(entries))
