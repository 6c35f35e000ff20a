"""Figure titles that fit their axes: wrapped by measured text width, never wider than what they title.

``wrap_title`` and ``wrap_suptitle`` set a title wrapped to the axes (or the axes' span); ``fit_titles``,
called by ``plots.save`` on every figure, rewraps any title still wider than its axes (a title set with
``ax.set_title``) so no title overhangs the plot and widens the saved canvas with blank space.
"""

from __future__ import annotations

import matplotlib
from matplotlib.text import Text


def _text_width(fig, renderer, s: str, size: float, weight: str) -> float:
    t = Text(0, 0, s, fontsize=size, fontweight=weight)
    t.set_figure(fig)
    return t.get_window_extent(renderer).width


def wrap_lines(fig, text: str, width_px: float, size: float, weight: str = "bold") -> list[str]:
    """``text`` broken greedily into lines no wider than ``width_px`` (pixels at the figure's dpi) when
    set at ``size`` points; an explicit newline in ``text`` is only a space (the width decides)."""
    renderer = fig.canvas.get_renderer()
    lines, cur = [], ""
    for word in text.replace("\n", " ").split():
        cand = f"{cur} {word}" if cur else word
        if cur and _text_width(fig, renderer, cand, size, weight) > width_px:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    return lines + ([cur] if cur else [])


def _shrink_to_fit(fig, text: str, width: float, max_lines: int, fontsize: float | None) -> tuple[str, float]:
    """``text`` wrapped to ``width`` pixels, the font shrunk by half points (to 8.5 at least) until it takes
    at most ``max_lines`` lines; returns the wrapped text and its size."""
    size = float(fontsize or matplotlib.rcParams["axes.titlesize"])
    while True:
        lines = wrap_lines(fig, text, width, size)
        if len(lines) <= max_lines or size <= 8.5:
            return "\n".join(lines), size
        size -= 0.5


def wrap_title(ax, text: str, *, max_lines: int = 2, fontsize: float | None = None, **kwargs) -> str:
    """Set ``ax``'s left-aligned title wrapped to the axes' width, in at most ``max_lines`` lines: the font
    shrinks (to 8.5 points at least) until it fits. Call it after the layout is fixed (after
    ``tight_layout``), since the width is the axes' width at the time of the call. Returns the title."""
    fig = ax.figure
    width = ax.get_position().width * fig.get_figwidth() * fig.dpi
    title, size = _shrink_to_fit(fig, text, width, max_lines, fontsize)
    ax.set_title(title, fontsize=size, loc="left", **kwargs)
    return title


def wrap_suptitle(fig, text: str, *, max_lines: int = 2, fontsize: float | None = None, left=None) -> str:
    """A figure title wrapped to the width spanned by the figure's visible axes, left-aligned over them."""
    axes = [a for a in fig.axes if a.get_visible()]
    x0 = min(a.get_position().x0 for a in axes)
    x1 = max(a.get_position().x1 for a in axes)
    width = (x1 - x0) * fig.get_figwidth() * fig.dpi
    title, size = _shrink_to_fit(fig, text, width, max_lines, fontsize)
    fig.suptitle(title, x=x0 if left is None else left, ha="left", fontweight="bold", fontsize=size)
    return title


def fit_titles(fig, renderer) -> list[str]:
    """Rewrap, at their own size and weight, the axes titles wider than their axes and a figure title wider
    than the figure; returns the titles changed. Explicit line breaks count as spaces."""
    changed = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        width = ax.get_window_extent(renderer).width
        slots = (ax.title, getattr(ax, "_left_title", None), getattr(ax, "_right_title", None))
        for t in slots:  # matplotlib's three title slots (the side ones are private attributes)
            if t is not None and _rewrap(fig, renderer, t, width):
                changed.append(t.get_text())
    sup = fig._suptitle
    if sup is not None and _rewrap(fig, renderer, sup, fig.get_figwidth() * fig.dpi * 0.98):
        changed.append(sup.get_text())
    return changed


def _rewrap(fig, renderer, t: Text, width: float) -> bool:
    """Rewrap text ``t`` to ``width`` pixels at its own size and weight if it is wider; True if it was."""
    if not t.get_text() or t.get_window_extent(renderer).width <= width:
        return False
    t.set_text("\n".join(wrap_lines(fig, t.get_text(), width, t.get_fontsize(), t.get_fontweight())))
    return True
