"""Lazy package attributes for the analysis packages (PEP 562).

The runner imports ``helpers.analysis.<topic>.params`` to validate every parameter before any kernel
starts; Python runs the package's ``__init__`` first, and an ``__init__`` that imported its sections would
load matplotlib, scipy, statsmodels and the data layer into every command (3-6 s each). With
``lazy_exports`` a package names its submodules and entry points, and each loads on first use:
``bp.frontier.eci(...)`` in a notebook works as with eager imports.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = ["lazy_exports"]


def _module_files(package: str) -> set[str]:
    """The names of the modules and subpackages in ``package``'s folder (empty if it has none)."""
    mod = sys.modules.get(package)
    names: set[str] = set()
    for d in getattr(mod, "__path__", ()):
        for p in Path(d).iterdir():
            if p.suffix == ".py" and p.stem != "__init__":
                names.add(p.stem)
            elif (p / "__init__.py").is_file():
                names.add(p.name)
    return names


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
    files = _module_files(package)
    shadowed = set(entries) & files
    if shadowed:  # importing that file (from any sibling) would replace the entry point with the module
        raise ValueError(
            f"{package}: entry points named like a module file of the package: {sorted(shadowed)}"
        )

    def __getattr__(name: str):
        if name in entries:
            return getattr(importlib.import_module(f"{package}.{entries[name]}"), name)
        if name in subs:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__():
        return sorted(subs | set(entries))

    return __getattr__, __dir__, sorted(subs | set(entries))
