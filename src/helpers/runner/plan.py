"""What a run will do, decided before any kernel starts: which notebooks, which parameters, which name.

``plan_run`` resolves notebook names, reads a scenario and a parameter file, parses ``-p NAME VALUE``,
validates every notebook's parameters with its pydantic model and names the run. Every problem is
collected and raised at once (``UserError`` / ``ParamError``: one line each, exit 2, nothing written).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers.core import params as params_mod
from helpers.core import paths
from helpers.core.errors import UserError

SCORECARD_FLAG = "reads_results"  # notebook metadata helpers.reads_results = true: runs after the rest
RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,80}")


# ------------------------------------------------------------------------------------------ notebooks


def all_notebooks() -> list[Path]:
    return sorted(p for p in paths.NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("."))


def resolve_notebooks(names: list[str]) -> list[Path]:
    if not names:
        return all_notebooks()
    known = {p.stem: p for p in all_notebooks()}
    out, problems = [], []
    for n in names:
        p = Path(n)
        stem = p.stem if n.endswith(".ipynb") else n
        if stem in known:
            out.append(known[stem])
        elif p.suffix == ".ipynb" and p.is_file():
            out.append(p.resolve())
        else:
            close = difflib.get_close_matches(stem, known, n=1, cutoff=0.4)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(f"unknown notebook '{n}'{hint} (known: {', '.join(known) or 'none'})")
    if problems:
        raise UserError("\n".join(problems))
    return out


def nb_meta(path: Path) -> dict:
    try:
        nb = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as e:
        raise UserError(f"{path.name}: cannot be read as a notebook ({e})") from None
    return nb.get("metadata", {}).get("helpers", {})


def stages(notebooks: list[Path], metas: dict) -> tuple[list[Path], list[Path]]:
    """(analysis notebooks, notebooks that read the others' results and therefore run after them)."""
    first = [p for p in notebooks if not metas[p.stem].get(SCORECARD_FLAG)]
    last = [p for p in notebooks if metas[p.stem].get(SCORECARD_FLAG)]
    return first, last


# ---------------------------------------------------------------------------------------- parameters


def load_scenario(name: str) -> dict:
    folder = paths.SCENARIOS
    known = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
    if name not in known:
        raise UserError(f"unknown scenario '{name}'; known scenarios: {', '.join(known) or 'none'}")
    doc = yaml.safe_load((folder / f"{name}.yaml").read_text()) or {}
    if not isinstance(doc, dict) or not isinstance(doc.get("parameters", {}), dict):
        raise UserError(f"notebooks/scenarios/{name}.yaml: expected 'description' and a 'parameters' mapping")
    return doc


def _read_param_file(path: str) -> dict:
    p = Path(path)
    if not p.is_file():
        raise UserError(f"parameter file '{path}' does not exist")
    try:
        doc = yaml.safe_load(p.read_text()) or {}
    except yaml.YAMLError as e:
        raise UserError(f"parameter file '{path}' is not valid YAML ({str(e).splitlines()[0]})") from None
    if not isinstance(doc, dict):
        raise UserError(f"parameter file '{path}': expected a mapping of name: value (or notebook: {{...}})")
    return doc


def _split_params(doc: dict, stems: list[str]) -> tuple[dict, dict]:
    """Separate a {name: value} / {notebook: {name: value}} mapping into (global, per-notebook)."""
    glob, per = {}, {}
    for k, v in doc.items():
        if k in stems and isinstance(v, dict):
            per.setdefault(k, {}).update(v)
        else:
            glob[k] = v
    return glob, per


@dataclass
class Plan:
    notebooks: list[Path]
    params: dict  # stem -> validated, JSON-safe dict of parameters given (not defaults)
    full_params: dict  # stem -> all parameters with defaults
    name: str
    scenario: str | None = None
    scenario_description: str | None = None


def plan_run(
    notebooks: list[str],
    cli_params: list,
    param_file: str | None = None,
    scenario: str | None = None,
    name: str | None = None,
) -> Plan:
    """Everything checked before any kernel starts; raises UserError listing every problem."""
    nbs = resolve_notebooks(notebooks)
    stems = [p.stem for p in nbs]
    every_stem = [p.stem for p in all_notebooks()]
    models = {p.stem: params_mod.model_for(p) for p in nbs}
    glob, per = {}, {}
    scen_desc = None
    if scenario:
        doc = load_scenario(scenario)
        scen_desc = str(doc.get("description", "")).strip()
        g, pn = _split_params(doc.get("parameters", {}) or {}, every_stem)
        glob.update(g)
        for k, v in pn.items():
            per.setdefault(k, {}).update(v)
    user_glob, user_per = {}, {}  # what the user added on top of a scenario (names the run)
    if param_file:
        g, pn = _split_params(_read_param_file(param_file), every_stem)
        user_glob.update(g)
        for k, v in pn.items():
            user_per.setdefault(k, {}).update(v)
    problems: list[str] = []
    for pname, raw in cli_params:
        owners = [s for s in stems if models[s] is not None and pname in models[s].model_fields]
        model = models[owners[0]] if owners else None
        user_glob[pname] = params_mod.parse_cli_value(model, pname, raw)
    glob.update(user_glob)
    for k, v in user_per.items():
        per.setdefault(k, {}).update(v)
    # a global name must belong to at least one selected notebook
    all_fields = {f: s for s in stems if models[s] for f in models[s].model_fields}
    for pname in glob:
        if pname not in all_fields:
            close = difflib.get_close_matches(pname, list(all_fields), n=1, cutoff=0.5)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(
                f"unknown parameter '{pname}'{hint} (no selected notebook has it; "
                f"see 'python -m helpers params NOTEBOOK')"
            )
    for k in per:
        if k not in stems and scenario is None:
            problems.append(f"parameters given for notebook '{k}', which is not selected")
    validated, full = {}, {}
    for p in nbs:
        s, model = p.stem, models[p.stem]
        vals = {k: v for k, v in glob.items() if model is not None and k in model.model_fields}
        vals.update(per.get(s, {}))
        try:
            inst = params_mod.validate(model, vals, notebook=s)
        except params_mod.ParamError as e:
            problems.extend(e.problems)
            continue
        if inst is None:
            validated[s], full[s] = {}, {}
        else:
            d = inst.as_dict()
            validated[s] = {k: d[k] for k in vals}
            full[s] = d
    if problems:
        raise params_mod.ParamError(problems)
    run_name = name or _derive_name(user_glob, user_per, scenario)
    if not name and len(nbs) != len(every_stem):
        # a subset never replaces the whole collection's run of the same parameters
        subset = "-".join(s.split("_")[0] for s in stems)
        run_name = subset if run_name == "default" else f"{subset}_{run_name}"
    if not RUN_NAME.fullmatch(run_name):
        raise UserError(f"run name '{run_name}' may use only letters, digits, '_', '-', '.' (max 80)")
    return Plan(nbs, validated, full, run_name, scenario, scen_desc)


def _derive_name(glob: dict, per: dict, scenario: str | None) -> str:
    if not glob and not per:
        return scenario or "default"
    items = sorted(glob.items()) + sorted((f"{s}.{k}", v) for s, d in per.items() for k, v in d.items())
    slug = "_".join(f"{k}-{v}" for k, v in items)
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "", slug.replace(" ", ""))
    digest = hashlib.sha256(json.dumps(items, sort_keys=True, default=str).encode()).hexdigest()[:8]
    prefix = f"{scenario}_" if scenario else ""
    return (prefix + slug)[:48].rstrip("_.-") + "-" + digest if len(prefix + slug) > 48 else prefix + slug
