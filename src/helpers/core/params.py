"""Notebook parameters: one pydantic model per notebook, validated before any kernel starts.

Each notebook names its model in its metadata (``metadata.helpers.params_model = "module:Class"``);
the collection's models live in ``helpers.analysis.<notebook topic>.params``. ``validate`` returns the checked parameters
or raises ``ParamError`` listing every problem, one line each, naming the parameter and what is allowed.
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import importlib
import json
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from helpers.core.errors import UserError

__all__ = [
    "NotebookParams",
    "P",
    "ParamError",
    "describe",
    "model_for",
    "model_path_of",
    "notebook_parameters_cell",
    "parse_cli_value",
    "validate",
]


def P(default: Any, help: str, *, unit: str = "", **constraints) -> Any:
    """A parameter field: default, help text, unit and pydantic constraints (ge, le, gt, lt, ...)."""
    return Field(default, description=help, json_schema_extra={"unit": unit}, **constraints)


class ParamError(UserError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class NotebookParams(BaseModel):
    """Base of every notebook's parameter model: no unknown names, values checked on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)

    def as_dict(self) -> dict:
        """JSON-safe dict of the parameters (dates as ISO strings), the form papermill injects."""
        return json.loads(self.model_dump_json())


def model_path_of(nb_path: Path) -> str | None:
    nb = json.loads(Path(nb_path).read_text())
    return nb.get("metadata", {}).get("helpers", {}).get("params_model")


def model_for(nb_path: Path) -> type[NotebookParams] | None:
    """The parameter model a notebook declares in its metadata (None: it takes no parameters)."""
    spec = model_path_of(nb_path)
    if not spec:
        return None
    module, _, cls = spec.partition(":")
    try:
        return getattr(importlib.import_module(module), cls)
    except (ImportError, AttributeError) as e:
        raise UserError(
            f"{Path(nb_path).name}: metadata names parameter model {spec!r}, which cannot be imported ({e})"
        ) from None


def _allowed(field) -> str:
    bits = []
    for m in field.metadata:
        for attr, sym in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
            v = getattr(m, attr, None)
            if v is not None:
                bits.append(f"{sym} {v}")
    ann = field.annotation
    if typing.get_origin(ann) is typing.Literal:
        bits.append("one of " + ", ".join(repr(a) for a in typing.get_args(ann)))
    return " and ".join(bits)


_TYPE_NAMES = {
    "date": "date (YYYY-MM-DD)",
    "float": "number",
    "int": "whole number",
    "bool": "true/false",
    "str": "text",
    "NoneType": "None",
}


def _ann_name(ann) -> str:
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if origin is typing.Literal:
        return "choice"
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        return " or ".join(_ann_name(a) for a in args)
    if origin in (list, tuple):
        return f"list of {_ann_name(args[0])}" if args else "list"
    name = getattr(ann, "__name__", None) or str(ann).replace("typing.", "")
    return _TYPE_NAMES.get(name, name)


def _type_name(field) -> str:
    return _ann_name(field.annotation)


def _closest(name: str, names) -> str:
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else f"; valid names: {', '.join(sorted(names))}"


def validate(model: type[NotebookParams] | None, values: Mapping[str, Any], *, notebook: str = "notebook"):
    """Check ``values`` against ``model``; return the model instance or raise ParamError (every problem)."""
    values = dict(values)
    if model is None:
        if values:
            raise ParamError([f"{notebook}: takes no parameters, got {', '.join(sorted(values))}"])
        return None
    fields = model.model_fields
    problems = []
    for name in values:
        if name not in fields:
            problems.append(f"{notebook}: unknown parameter '{name}'{_closest(name, fields)}")
    known = {k: v for k, v in values.items() if k in fields}
    try:
        inst = model(**known)
    except ValidationError as e:
        for err in e.errors():
            loc = err["loc"]
            name = str(loc[0]) if loc else "(parameters)"
            field = fields.get(name)
            given = err.get("input")
            where = f"{notebook}: parameter '{name}'" if field else f"{notebook}:"
            allowed = _allowed(field) if field else ""
            typ = _type_name(field) if field else ""
            kind = err["type"]
            if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
                problems.append(f"{where} = {given!r} is out of range (allowed: {allowed})")
            elif kind == "literal_error":
                problems.append(f"{where} = {given!r} is not allowed ({allowed})")
            elif kind == "value_error" or kind == "assertion_error":
                problems.append(f"{where} {err['msg'].removeprefix('Value error, ')}")
            else:
                detail = f"expected {typ}" + (f" with {allowed}" if allowed else "")
                problems.append(f"{where} = {given!r} has the wrong type ({detail}: {err['msg']})")
        raise ParamError(problems) from None
    if problems:
        raise ParamError(problems)
    return inst


def parse_cli_value(model: type[NotebookParams] | None, name: str, raw: str) -> Any:
    """Turn a command-line string into a typed value: YAML rules, except text fields keep the raw string."""
    if model is not None and name in model.model_fields:
        ann = model.model_fields[name].annotation
        if ann is str:
            return raw
    try:
        v = yaml.safe_load(raw)
    except Exception:  # YAML errors and impossible timestamps such as 2023-13-01: let pydantic judge the text
        return raw
    if isinstance(v, (dt.date, dt.datetime)):
        return raw
    return v


def describe(model: type[NotebookParams] | None) -> list[dict]:
    """One dict per parameter: name, type, default, allowed, unit, help (for ``helpers params``)."""
    if model is None:
        return []
    rows = []
    for name, f in model.model_fields.items():
        extra = f.json_schema_extra or {}
        default = f.default
        if isinstance(default, (dt.date,)):
            default = default.isoformat()
        rows.append(
            {
                "name": name,
                "type": _type_name(f),
                "default": default,
                "allowed": _allowed(f),
                "unit": extra.get("unit", ""),
                "help": f.description or "",
            }
        )
    return rows


def notebook_parameters_cell(nb_path: Path) -> dict:
    """Names and literal values assigned in the notebook's cell tagged ``parameters``."""
    nb = json.loads(Path(nb_path).read_text())
    cells = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise UserError(
            f"{Path(nb_path).name}: expected exactly one cell tagged 'parameters', found {len(cells)}"
        )
    src = "".join(cells[0]["source"]) if isinstance(cells[0]["source"], list) else cells[0]["source"]
    out = {}
    for node in ast.parse(src).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name) and node.value is not None:
                out[target.id] = ast.literal_eval(node.value)
    return out


def from_namespace(model: type[NotebookParams], namespace: Mapping[str, Any], *, notebook: str = "notebook"):
    """Validate a notebook's parameters from its global namespace (the cell after ``parameters``).

    Direct papermill runs are checked too: a bad value raises ParamError naming the parameter."""
    values = {k: namespace[k] for k in model.model_fields if k in namespace}
    return validate(model, values, notebook=notebook)
