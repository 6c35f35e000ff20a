"""Field helpers shared by the notebooks' parameter models."""

from __future__ import annotations

from typing import Any

from pydantic import Field


def P(default: Any, help: str, *, unit: str = "", **constraints) -> Any:  # noqa: N802
    """A parameter field: default, help text, unit and pydantic constraints (ge, le, gt, lt, ...)."""
    return Field(default, description=help, json_schema_extra={"unit": unit}, **constraints)
