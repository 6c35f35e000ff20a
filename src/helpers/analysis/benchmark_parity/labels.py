"""Naming the step-setting models on the ECI frontier figure without overlaps (``place_labels``).

Why our own placer rather than adjustText: the figure needs three things adjustText does not do. It must
leave out a name that fits nowhere and report it (the caption lists the unnamed steps), where adjustText
always draws every text and only reduces overlaps; it must keep a name above a rising step line left of
the next step, so it cannot be read as the next (higher) model's; and the layout must be deterministic and
guaranteed free of overlaps, which the unit tests check. adjustText is also not a dependency of the project.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox


def mdates_num(x):
    """Matplotlib's float for a date (plain numbers pass through)."""
    return x if isinstance(x, (int, float, np.number)) else mdates.date2num(pd.Timestamp(x))


def overlaps(box, boxes, pad: float = 1.0) -> bool:
    """True when display-space bbox ``box`` comes within ``pad`` pixels of any bbox in ``boxes``."""
    return any(
        box.x0 < b.x1 + pad and b.x0 < box.x1 + pad and box.y0 < b.y1 + pad and b.y0 < box.y1 + pad
        for b in boxes
    )


def place_labels(
    ax, points: list[dict], *, max_levels: int = 3, step_pt: float = 9.0, obstacles=()
) -> list[dict]:
    """Name points without any two names (or a name and a leader line) overlapping.

    ``points`` are dicts with ``x``, ``y`` (data), ``text``, ``colour``, ``side`` ("above": up-left, else up-right;
    "below": down-right) and optionally ``x_next``, the x where the point's own level ends: a name above and to
    the right of its point must end before it, so it cannot be read as the next (higher) point's. Points are
    labelled in the given order (most important first); each name tries ``max_levels`` offsets stacked ``step_pt``
    points apart (a thin leader line joins a lifted name to its point) and keeps the first one that stays inside
    the axes and clear of names and leader lines already placed, of ``obstacles`` (display-space bboxes) and of the
    points. Names that fit nowhere are not drawn; they come back with ``placed=False`` so the caller can list
    them. Set the axis limits before calling: the layout is computed in display space."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    to_px = ax.transData.transform
    marks = []
    for p in points:
        px, py = to_px((mdates_num(p["x"]), p["y"]))
        marks.append(Bbox.from_extents(px - 3, py - 3, px + 3, py + 3))
    boxes, leaders = list(obstacles), []
    out = []
    for p in points:
        above = p.get("side", "above") == "above"
        anchor = to_px((mdates_num(p["x"]), p["y"]))
        x_end = to_px((mdates_num(p["x_next"]), p["y"]))[0] if p.get("x_next") is not None else None
        result = {**p, "placed": False}
        # names above a rising step line may sit over the previous level (left) or the own level (right);
        # names below it only under the own level (right), where they cannot be mistaken for the previous step's
        tries = [
            (level, flip) for level in range(max_levels) for flip in ((False, True) if above else (False,))
        ]
        for level, flip in tries:
            left = above != flip
            dy = (4 + step_pt * level) if above else -(10 + step_pt * level)
            ann = ax.annotate(
                str(p["text"]),
                (mdates_num(p["x"]), p["y"]),
                xytext=(-4 if left else 4, dy),
                textcoords="offset points",
                fontsize=7,
                color=p["colour"],
                ha="right" if left else "left",
                va="bottom" if above else "top",
                arrowprops=(
                    dict(arrowstyle="-", color=p["colour"], lw=0.5, shrinkA=0, shrinkB=2) if level else None
                ),
            )
            ann.update_positions(renderer)
            box = Text.get_window_extent(ann, renderer)  # the name only, not its leader line
            near = (box.x1 if left else box.x0, box.y0 if above else box.y1)
            leader = Path([anchor, near]) if level else None
            ok = (
                frame.x0 <= box.x0
                and box.x1 <= frame.x1
                and frame.y0 <= box.y0
                and box.y1 <= frame.y1
                and (not flip or x_end is None or box.x1 <= x_end)
                and not overlaps(box, boxes)
                and not overlaps(box, marks, pad=0.0)
                and not any(ln.intersects_bbox(box, filled=True) for ln in leaders)
                and (leader is None or not any(leader.intersects_bbox(b, filled=True) for b in boxes))
            )
            if ok:
                boxes.append(box)
                if leader is not None:
                    leaders.append(leader)
                result.update(placed=True, level=level, bbox=box)
                break
            ann.remove()
        out.append(result)
    return out
