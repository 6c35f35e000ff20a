"""Parameters of 00_scorecard."""

from __future__ import annotations

from typing import Optional

from helpers.core.params import NotebookParams
from helpers.core.params import P


class Params(NotebookParams):
    results_file: Optional[str] = P(
        None, "a results.json to read when the notebook is opened by hand; None = the runner's results "
        "(or the last default run)", unit="path")
