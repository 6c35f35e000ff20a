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

from helpers.core import params as params_mod
from helpers.core import paths
from helpers.core.errors import UserError

SCORECARD_FLAG = "reads_results"  # notebook metadata helpers.reads_results = true: runs after the rest
RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,80}")
DEFAULT_RUN = "default"  # reserved: the whole collection with default parameters (build/site, reports/)
# the collection is the notebooks named NN_topic.ipynb: an out.ipynb papermill left in notebooks/, a copy
# or a scratch notebook is not part of it
COLLECTION = re.compile(r"\d\d_[A-Za-z0-9][A-Za-z0-9_-]*\.ipynb")


# ------------------------------------------------------------------------------------------ notebooks


def all_notebooks() -> list[Path]:
    """The collection: ``notebooks/NN_*.ipynb``, in order."""
    folder = paths.NOTEBOOKS
    return (
        sorted(p for p in folder.glob("*.ipynb") if COLLECTION.fullmatch(p.name)) if folder.is_dir() else []
    )


def resolve_notebooks(names: list[str]) -> list[Path]:
    """Stems name the collection's notebooks; a path (anything ending in ``.ipynb`` or holding a ``/``)
    names that very file, so a student's edited copy runs as it is, not the source notebook of its stem."""
    if not names:
        return all_notebooks()
    known = {p.stem: p for p in all_notebooks()}
    out, problems = [], []
    for n in names:
        p = Path(n)
        is_path = n.endswith(".ipynb") or "/" in n or "\\" in n
        if is_path and p.is_file() and p.suffix == ".ipynb":
            out.append(p.resolve())
        elif not is_path and n in known:
            out.append(known[n])
        else:
            stem = p.stem if n.endswith(".ipynb") else n
            close = difflib.get_close_matches(stem, known, n=1, cutoff=0.4)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            what = "no notebook file" if is_path else "unknown notebook"
            problems.append(f"{what} '{n}'{hint} (known: {', '.join(known) or 'none'})")
    stems = [p.stem for p in out]
    twice = sorted({s for s in stems if stems.count(s) > 1})
    if twice:
        problems.append(f"notebook(s) {', '.join(twice)} given twice (one run holds one notebook of a name)")
    if problems:
        raise UserError("\n".join(problems))
    return out


def is_collection(nbs: list[Path]) -> bool:
    """True when ``nbs`` is the whole collection (the files in notebooks/, not copies elsewhere)."""
    return sorted(p.resolve() for p in nbs) == sorted(p.resolve() for p in all_notebooks())


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
    doc = (
        params_mod.load_yaml((folder / f"{name}.yaml").read_bytes(), f"notebooks/scenarios/{name}.yaml") or {}
    )
    if not isinstance(doc, dict) or not isinstance(doc.get("parameters", {}), dict):
        raise UserError(f"notebooks/scenarios/{name}.yaml: expected 'description' and a 'parameters' mapping")
    return doc


def _read_param_file(path: str) -> dict:
    p = Path(path)
    if not p.is_file():
        raise UserError(f"parameter file '{path}' does not exist")
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise UserError(f"parameter file '{path}' cannot be read ({e.strerror or e})") from None
    doc = params_mod.load_yaml(raw, f"parameter file '{path}'") or {}
    if not isinstance(doc, dict):
        raise UserError(f"parameter file '{path}': expected a mapping of name: value (or notebook: {{...}})")
    _check_keys(doc, f"parameter file '{path}'")
    return doc


def _check_keys(doc: dict, where: str) -> None:
    """Every key a name (text): ``null:`` or ``1:`` are mistakes, reported instead of a traceback later."""
    for k, v in doc.items():
        if not isinstance(k, str):
            raise UserError(
                f"{where}: key {params_mod.show(k)} is not a name (parameter and notebook names are text)"
            )
        if isinstance(v, dict):
            _check_keys(v, f"{where}, under '{k}'")


def _split_params(doc: dict, stems: list[str]) -> tuple[dict, dict]:
    """Separate a {name: value} / {notebook: {name: value}} mapping into (global, per-notebook)."""
    glob, per = {}, {}
    for k, v in doc.items():
        if k in stems and isinstance(v, dict):
            per.setdefault(k, {}).update(v)
        else:
            glob[k] = v
    return glob, per


def _looks_like_notebook(name: str, value) -> bool:
    """A key that names a notebook, not a parameter: ``03_export_control:`` or any key holding a mapping."""
    return bool(re.fullmatch(r"\d\d_\w*", str(name))) or isinstance(value, dict)


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
    given = [pname for pname, _ in cli_params]
    for pname in sorted({n for n in given if given.count(n) > 1}):
        problems.append(f"parameter '{pname}' is given {given.count(pname)} times with -p (give it once)")
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
        if pname not in all_fields and _looks_like_notebook(pname, glob[pname]):
            close = difflib.get_close_matches(str(pname), every_stem, n=1, cutoff=0.4)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(
                f"unknown notebook '{pname}' as a key of the parameters{hint} "
                f"(notebooks: {', '.join(every_stem) or 'none'})"
            )
        elif pname not in all_fields:
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
    whole = is_collection(nbs)
    run_name = name or _derive_name(user_glob, user_per, scenario)
    if not name and not whole:
        # a subset, or a notebook file from elsewhere, never replaces the collection's run of its parameters
        subset = "-".join(s.split("_")[0] for s in stems)
        outside = [p for p in nbs if p.resolve().parent != paths.NOTEBOOKS.resolve()]
        if outside:
            digest = hashlib.sha256("|".join(sorted(str(p) for p in outside)).encode()).hexdigest()[:8]
            subset = f"{subset}_file-{digest}"
        run_name = subset if run_name == DEFAULT_RUN else f"{subset}_{run_name}"
    if not RUN_NAME.fullmatch(run_name):
        raise UserError(
            f"run name {params_mod.show(run_name)} may use only letters, digits, '_', '-', '.' (max 80)"
        )
    if run_name == DEFAULT_RUN and (not whole or scenario or _differs_from_defaults(models, full)):
        what = "a subset of the notebooks" if not whole else "parameters other than the defaults"
        raise UserError(
            f"run name '{DEFAULT_RUN}' is reserved for the whole collection with default parameters "
            f"(this run has {what}); choose another --name"
        )
    return Plan(nbs, validated, full, run_name, scenario, scen_desc)


def _differs_from_defaults(models: dict, full: dict) -> bool:
    for stem, model in models.items():
        default = params_mod.validate(model, {}, notebook=stem)
        if (default.as_dict() if default is not None else {}) != full.get(stem, {}):
            return True
    return False


def _derive_name(glob: dict, per: dict, scenario: str | None) -> str:
    if not glob and not per:
        return scenario or "default"
    items = sorted(glob.items()) + sorted((f"{s}.{k}", v) for s, d in per.items() for k, v in d.items())
    slug = "_".join(f"{k}-{v}" for k, v in items)
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "", slug.replace(" ", ""))
    digest = hashlib.sha256(json.dumps(items, sort_keys=True, default=str).encode()).hexdigest()[:8]
    prefix = f"{scenario}_" if scenario else ""
    return (prefix + slug)[:48].rstrip("_.-") + "-" + digest if len(prefix + slug) > 48 else prefix + slug
