"""Notebook parameters: one pydantic model per notebook, validated before any kernel starts.

Each notebook names its model in its metadata (``metadata.helpers.params_model = "module:Class"``);
the collection's models live in ``helpers.analysis.<notebook topic>.params``. ``validate`` returns the checked parameters
or raises ``ParamError`` listing every problem, one line each, naming the parameter and what is allowed.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import difflib
import importlib
import json
import math
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from helpers.core.errors import UserError
from helpers.core.user_input import StrictLoader, load_yaml, show

__all__ = [
    "NotebookParams",
    "P",
    "ParamError",
    "coverage",
    "describe",
    "from_namespace",
    "injected_names",
    "load_yaml",
    "model_for",
    "model_path_of",
    "notebook_parameters_cell",
    "parse_cli_value",
    "show",
    "validate",
]


def P(
    default: Any,
    help: str,
    *,
    unit: str = "",
    within: tuple | list | None = None,
    file: str | None = None,
    **constraints,
) -> Any:
    """A parameter field: default, help text, unit and pydantic constraints (ge, le, gt, lt, ...).

    ``within=("table", "column")`` (or a list of such pairs): a date must lie inside the dates the data
    covers (from the earliest to the latest value of those columns of ``data/<table>.csv``), so a date the
    notebooks cannot answer for (``as_of 2099-01-01``) is refused before any kernel starts.
    ``file="json"`` (or ``"any"``): a path that must name an existing file (a JSON document for "json").
    Floats refuse inf and nan (``NotebookParams`` sets ``allow_inf_nan=False``)."""
    extra: dict = {"unit": unit}
    if within is not None:
        pairs = [within] if isinstance(within[0], str) else list(within)
        extra["within"] = [list(pair) for pair in pairs]
    if file is not None:
        if file not in {"json", "any"}:
            raise ValueError(f"P(file=...) must be 'json' or 'any', not {file!r}")
        extra["file"] = file
    return Field(default, description=help, json_schema_extra=extra, **constraints)


class ParamError(UserError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class NotebookParams(BaseModel):
    """Base of every notebook's parameter model: no unknown names, values checked on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False, allow_inf_nan=False)

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
            problems.append(f"{notebook}: unknown parameter {show(name)}{_closest(str(name), fields)}")
    known = {k: v for k, v in values.items() if k in fields}
    try:
        inst = model(**known)
    except ValidationError as e:
        for err in e.errors():
            loc = err["loc"]
            name = str(loc[0]) if loc else "(parameters)"
            field = fields.get(name)
            given = show(err.get("input"))
            where = f"{notebook}: parameter '{name}'" if field else f"{notebook}:"
            allowed = _allowed(field) if field else ""
            typ = _type_name(field) if field else ""
            kind = err["type"]
            if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
                problems.append(f"{where} = {given} is out of range (allowed: {allowed})")
            elif kind == "finite_number":
                problems.append(f"{where} = {given} is not a finite number (inf and nan are not allowed)")
            elif kind == "literal_error":
                problems.append(f"{where} = {given} is not allowed ({allowed})")
            elif kind == "value_error" or kind == "assertion_error":
                problems.append(f"{where} {err['msg'].removeprefix('Value error, ')}")
            else:
                detail = f"expected {typ}" + (f" with {allowed}" if allowed else "")
                problems.append(f"{where} = {given} has the wrong type ({detail}: {err['msg'][:120]})")
        raise ParamError(problems) from None
    problems += _data_checks(model, inst, notebook)
    if problems:
        raise ParamError(problems)
    return inst


# ------------------------------------------------------------------------ checks against data and files

_COVERAGE: dict = {}


def coverage(table: str, column: str) -> tuple[dt.date, dt.date] | None:
    """(earliest, latest) date of ``column`` in ``data/<table>.csv``; None when the table or the column is
    missing or holds no date (the data layer reports a broken table when a notebook loads it).

    Read with the csv module, not pandas: the runner checks parameters before any kernel and without the
    data layer's imports. Cached by the file's modification time."""
    from helpers.core import paths  # deferred: tests point paths at another root

    path = paths.DATA / f"{table}.csv"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    key = (str(path), column)
    if key in _COVERAGE and _COVERAGE[key][0] == stamp:
        return _COVERAGE[key][1]
    lo = hi = None
    try:
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                v = (row.get(column) or "")[:10]
                if len(v) == 10 and v[4] == "-" and v[7] == "-":
                    lo = v if lo is None or v < lo else lo
                    hi = v if hi is None or v > hi else hi
        span = (dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)) if lo else None
    except (OSError, UnicodeDecodeError, ValueError, csv.Error):
        span = None
    _COVERAGE[key] = (stamp, span)
    return span


def _data_checks(model: type[NotebookParams], inst: NotebookParams, notebook: str) -> list[str]:
    problems = []
    for name, f in model.model_fields.items():
        extra = f.json_schema_extra or {}
        value = getattr(inst, name)
        if value is None:
            continue
        if extra.get("within") and isinstance(value, dt.date):
            spans = [coverage(t, c) for t, c in extra["within"]]
            spans = [sp for sp in spans if sp is not None]
            if spans:
                lo, hi = min(sp[0] for sp in spans), max(sp[1] for sp in spans)
                where = ", ".join(f"data/{t}.csv {c}" for t, c in extra["within"])
                if not lo <= value <= hi:
                    problems.append(
                        f"{notebook}: parameter '{name}' = {value.isoformat()} is outside the dates the data "
                        f"covers ({lo.isoformat()} to {hi.isoformat()}, {where})"
                    )
        if extra.get("file") and isinstance(value, str):
            problem = _file_problem(Path(value), extra["file"])
            if problem:
                problems.append(f"{notebook}: parameter '{name}' = {show(value)} {problem}")
    return problems


def _file_problem(path: Path, kind: str) -> str | None:
    if not path.is_file():
        return "is not an existing file"
    if kind == "json":
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as e:
            first = str(e).splitlines()[0] if str(e) else type(e).__name__
            return f"is not a JSON file ({first[:100]})"
    return None


def parse_cli_value(model: type[NotebookParams] | None, name: str, raw: str) -> Any:
    """Turn a command-line string into a typed value: YAML rules, except text fields keep the raw string."""
    if model is not None and name in model.model_fields:
        ann = model.model_fields[name].annotation
        if ann is str:
            return raw
    try:
        v = yaml.load(raw, Loader=StrictLoader)  # safe; refuses aliases, duplicate keys
    except yaml.constructor.ConstructorError as e:  # an alias or a duplicate key: say so, echo nothing
        raise UserError(f"parameter '{name}': {e.problem}") from None
    except (Exception, RecursionError):  # YAML errors, impossible dates such as 2023-13-01: pydantic judges
        return raw
    if isinstance(v, (dt.date, dt.datetime)):
        return raw
    if isinstance(v, float) and not math.isfinite(v):
        return v  # refused by the model with a clear line
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


PAPERMILL_HEADER = "# Parameters"  # the first line of the cell papermill injects


def injected_names(namespace: Mapping[str, Any]) -> list[str]:
    """Names assigned in the cell papermill injected (``-p NAME VALUE``), read from IPython's input history
    (``In``) in the namespace; [] outside a kernel or when papermill injected nothing."""
    history = namespace.get("In")
    if not isinstance(history, list):
        return []
    names: list[str] = []
    for src in history:
        if not isinstance(src, str) or not src.lstrip().startswith(PAPERMILL_HEADER):
            continue
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign):
                names += [t.id for t in node.targets if isinstance(t, ast.Name) and t.id not in names]
    return names


def from_namespace(model: type[NotebookParams], namespace: Mapping[str, Any], *, notebook: str = "notebook"):
    """Validate a notebook's parameters from its global namespace (the cell after ``parameters``).

    Direct papermill runs are checked too: a bad value raises ParamError naming the parameter, and a name
    papermill injected that the model does not know (``-p halvng_months 12``) is refused with the closest
    valid name, instead of being ignored while the notebook runs on its defaults."""
    values = {k: namespace[k] for k in model.model_fields if k in namespace}
    for name in injected_names(namespace):
        if name not in model.model_fields:
            values[name] = namespace.get(name)
    return validate(model, values, notebook=notebook)
