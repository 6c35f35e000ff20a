"""Parameters of 00_scorecard."""

from __future__ import annotations

from helpers.core.params import NotebookParams, P


class Params(NotebookParams):
    results_file: str | None = P(
        None,
        "a results.json to read when the notebook is opened by hand; None = the runner's results "
        "(or the last default run)",
        unit="path",
        file="json",
    )
