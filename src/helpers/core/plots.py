"""One look for the whole collection: theme, palette, source captions, titles and figure saving.

Every figure of the collection takes its category colours from ``PALETTE`` (through ``colour``), carries a
title that states its finding (``wrap_title`` keeps it to the axes' width), axes with units, and a source
caption from ``caption``. Reader-facing names come from ``helpers.core.labels.plain``.

The palette (``PALETTE``, ``colour``, ``palette_for``) is ``helpers.core.palette``'s, re-exported here.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import matplotlib
from IPython import get_ipython
from IPython.display import Image, display


def _inline_in_kernel() -> bool:
    """In a Jupyter kernel (the runner's, JupyterLab's) figures must show in the notebook and so in its HTML,
    even when MPLBACKEND=Agg is inherited or pyplot was imported first: ``%matplotlib inline`` does both the
    backend and IPython's PNG formatter."""
    if "ipykernel" not in sys.modules:
        return False
    ip = get_ipython()
    if ip is None or not hasattr(ip, "kernel"):
        return False
    ip.run_line_magic("matplotlib", "inline")
    return True


if not _inline_in_kernel():  # scripts and tests: headless
    matplotlib.use("Agg", force=False)
import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from cycler import cycler  # noqa: E402
from matplotlib.layout_engine import PlaceHolderLayoutEngine  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from helpers.core import forked, paths  # noqa: E402
from helpers.core.palette import (  # noqa: E402, F401  (the palette, read as plots.colour and so on)
    ALIASES,
    ARENA_MARKERS,
    ARENA_SOURCES,
    BAND_COLOURS,
    COMPANIES,
    LICENCE_STATUS,
    NEUTRAL,
    PALETTE,
    RESERVED,
    colour,
    palette_for,
)
from helpers.core.titles import fit_titles, wrap_lines, wrap_suptitle, wrap_title  # noqa: E402, F401

# What ``seaborn.set_theme(context="notebook", style="whitegrid", font_scale=0.95)`` sets (seaborn 0.13),
# written out so that this module does not import seaborn and with it scipy.stats: that was 1.3 s of the
# scorecard's kernel, which draws no seaborn plot (figure modules that do import seaborn themselves).
# tests/test_core.py checks these against seaborn. Left out: "image.cmap": "rocket", a colormap seaborn
# registers when imported; no figure uses the default colormap.
_SEABORN_RC = {
    "axes.axisbelow": True,
    "axes.edgecolor": ".8",
    "axes.facecolor": "white",
    "axes.grid": True,
    "axes.labelcolor": ".15",
    "axes.labelsize": 11.399999999999999,
    "axes.linewidth": 1.25,
    "axes.spines.bottom": True,
    "axes.spines.left": True,
    "axes.spines.right": True,
    "axes.spines.top": True,
    "axes.titlesize": 11.399999999999999,
    "figure.facecolor": "white",
    "font.family": "sans-serif",
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans", "sans-serif"],
    "font.size": 11.399999999999999,
    "grid.color": ".8",
    "grid.linestyle": "-",
    "grid.linewidth": 1,
    "legend.fontsize": 10.45,
    "legend.title_fontsize": 11.399999999999999,
    "lines.linewidth": 1.5,
    "lines.markersize": 6,
    "lines.solid_capstyle": "round",
    "patch.edgecolor": "w",
    "patch.force_edgecolor": True,
    "patch.linewidth": 1,
    "text.color": ".15",
    "xtick.bottom": False,
    "xtick.color": ".15",
    "xtick.direction": "out",
    "xtick.labelsize": 10.45,
    "xtick.major.size": 6,
    "xtick.major.width": 1.25,
    "xtick.minor.size": 4,
    "xtick.minor.width": 1,
    "xtick.top": False,
    "ytick.color": ".15",
    "ytick.direction": "out",
    "ytick.labelsize": 10.45,
    "ytick.left": False,
    "ytick.major.size": 6,
    "ytick.major.width": 1.25,
    "ytick.minor.size": 4,
    "ytick.minor.width": 1,
    "ytick.right": False,
}
# seaborn's "deep" palette (the colour cycle) and its single-letter colour codes ("deep6" and a near-black k)
_DEEP = [
    "#4C72B0",
    "#DD8452",
    "#55A868",
    "#C44E52",
    "#8172B3",
    "#937860",
    "#DA8BC3",
    "#8C8C8C",
    "#CCB974",
    "#64B5CD",
]
_COLOR_CODES = dict(zip("bgrmyc", ["#4C72B0", "#55A868", "#C44E52", "#8172B3", "#CCB974", "#64B5CD"]))


def set_theme() -> None:
    plt.rcParams.update(_SEABORN_RC)
    plt.rcParams["axes.prop_cycle"] = cycler("color", [mcolors.to_rgb(c) for c in _DEEP])
    for code, c in _COLOR_CODES.items():
        mcolors.colorConverter.colors[code] = mcolors.to_rgb(c)
    mcolors.colorConverter.colors["k"] = (0.1, 0.1, 0.1)
    plt.rcParams.update(
        {
            "figure.figsize": (9, 5),
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            "axes.titlelocation": "left",
            # titles at the top of the axes without matplotlib looking, on every draw, for tick labels or an
            # offset text above the axes to move them past (none of the collection's figures has any: the 38
            # files are byte-identical either way; saving 10% faster); a figure that has sets its own y
            "axes.titley": 1.0,
            "svg.hashsalt": "helpers",  # deterministic SVG ids
            "svg.fonttype": "none",
        }
    )


def caption(fig_or_ax, text: str) -> None:
    """Put a source caption under a figure, e.g. ``caption(fig, "Data: Epoch AI, CC BY 4.0")``."""
    fig = (
        fig_or_ax.figure
        if hasattr(fig_or_ax, "figure") and not isinstance(fig_or_ax, plt.Figure)
        else fig_or_ax
    )
    fig.text(0.01, -0.02, text, ha="left", va="top", fontsize=8, color="#555555", wrap=True)


def _slug(name: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_")
    if not s:
        raise ValueError(f"figure name {name!r} has no letters or digits")
    return s


class SavedFiles(list):
    """The paths ``save`` wrote. Shows nothing when a notebook cell ends with ``plots.save(...)``, so the
    rendered report carries no paths of the machine that ran it."""

    def _ipython_display_(self):
        pass


def _freeze_layout(fig, renderer) -> None:
    """Fix what every later draw of ``fig`` would otherwise recompute, so each file costs one draw.

    - A figure that called ``tight_layout`` keeps a placeholder layout engine, and ``savefig`` draws any
      figure with an engine once more (without rendering) before the real draw; the layout is already done,
      so the placeholder goes.
    - A wrapped text (``caption``) measures its words one by one on every draw (a third of a figure's
      saving time); its lines are computed once, with the renderer of the tight bounding box, and kept.
      ``Text._get_wrapped_text`` is matplotlib's own wrapping (private, hence the ``hasattr``)."""
    if isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine) and not (
        plt.rcParams["figure.autolayout"] or plt.rcParams["figure.constrained_layout.use"]
    ):
        fig.set_layout_engine(None)
    for t in fig.findobj(Text):
        if t.get_wrap() and hasattr(t, "_get_wrapped_text"):
            t._renderer = renderer
            t.set_text(t._get_wrapped_text())
            t.set_wrap(False)


def save(fig, name: str, notebook: str | None = None) -> list[Path]:
    """Save ``fig`` as PNG and SVG into the run's figures folder and, in a notebook, show the saved PNG;
    returns the paths written.

    The tight bounding box is computed once for both files (``bbox_inches="tight"`` draws the figure an
    extra time per file), the layout and wrapped captions are fixed once (``_freeze_layout``), and a
    notebook shows the PNG just written instead of letting the inline backend draw the figure a third and
    fourth time at the end of the cell: figures were about 40% of a cold run's kernel time
    (bench/collection.py)."""
    written, width = _write(fig, name, notebook)
    _show(written, width)
    if _in_kernel():
        plt.close(fig)
    return written


def _in_kernel() -> bool:
    ip = get_ipython()
    return ip is not None and hasattr(ip, "kernel")


def _write(fig, name: str, notebook: str | None) -> tuple[SavedFiles, int]:
    """Write ``fig``'s PNG and SVG; returns the paths and the width (pixels) a notebook shows it at."""
    folder = _folder(notebook)
    folder.mkdir(parents=True, exist_ok=True)
    renderer = fig.canvas.get_renderer()
    fit_titles(fig, renderer)
    bbox = fig.get_tightbbox(renderer).padded(plt.rcParams["savefig.pad_inches"])
    _freeze_layout(fig, renderer)
    written = SavedFiles()
    for ext in ("png", "svg"):
        p = folder / f"{_slug(name)}.{ext}"
        kwargs = {"metadata": {"Date": None}} if ext == "svg" else {"metadata": {"Software": None}}
        fig.savefig(p, bbox_inches=bbox, **kwargs)
        written.append(p)
    return written, round(bbox.width * fig.dpi)  # the size the inline backend would have shown


def _show(written: list[Path], width: int) -> None:
    if _in_kernel():
        display(Image(data=written[0].read_bytes(), format="png", width=width))


def save_many(make, args: list[tuple], names: list[str], notebook: str | None = None) -> SavedFiles:
    """``save(make(*a), name, notebook)`` for each ``a`` of ``args`` and name, shown in order; their paths.

    Where a forked child can help (``core.forked.usable``: Linux, two usable cores), it draws and writes every
    second figure while this process draws the others: the scorecard runs alone after the other notebooks
    with one core idle, and its eleven specification curves were 2.9 s of its 6.3 s. The files are the bytes
    ``save`` writes (the same code draws them). A child that fails, dies or takes four times as long as this
    process's half leaves its figures to this process, so an error in ``make`` is raised here as usual."""
    if len(args) != len(names):
        raise ValueError(f"save_many: {len(args)} figures but {len(names)} names; give one name per figure")
    jobs = list(zip(args, names))
    if len(set(names)) < len(names):
        raise ValueError(f"save_many: figure names must differ, got {sorted(names)}")
    child = (
        forked.start(lambda: _draw(make, jobs[1::2], notebook)) if len(jobs) > 1 and forked.usable() else None
    )
    mine, t0 = {}, time.monotonic()
    try:
        mine.update(_draw(make, jobs if child is None else jobs[0::2], notebook))
        theirs = child.result(timeout=max(60.0, 4 * (time.monotonic() - t0))) if child else None
    except BaseException:
        if child is not None:
            child.end()
        raise
    if theirs is None or set(theirs) != {name for _, name in jobs[1::2]}:
        theirs = {} if child is None else _draw(make, jobs[1::2], notebook)
    out = SavedFiles()
    for _, name in jobs:
        files = SavedFiles(_folder(notebook) / f"{_slug(name)}.{ext}" for ext in ("png", "svg"))
        width = mine[name] if name in mine else theirs[name]
        _show(files, width)
        out.append(files)
    return out


def _draw(make, jobs: list, notebook: str | None) -> dict[str, int]:
    """Draw and write each job's figure (closed afterwards, even when writing it fails); {name: width}."""
    widths = {}
    for a, name in jobs:
        fig = make(*a)
        try:
            widths[name] = _write(fig, name, notebook)[1]
        finally:
            plt.close(fig)
    return widths


def _folder(notebook: str | None) -> Path:
    return paths.run_dir() / "figures" / (_slug(notebook) if notebook else "")
