"""The papermill engine the workers execute notebooks with: papermill's nbclient engine, without the writes
of the output notebook while its cells run.

Papermill writes the whole notebook (figures included, 1-2 MB here) at every cell's start and end, so that
a notebook watched while it runs shows its progress; no one watches a worker's notebook, and those 60-80
writes cost 0.3-0.7 s of CPU per notebook. While the cells run, the execution manager's ``save`` is shadowed
by a no-op on the instance; it is restored before papermill's own ``finally`` (``notebook_complete``) writes
the notebook, so a failed or timed-out notebook is still saved with the cells it ran (papermill writes it
once more after the engine returns).

Imported only by ``runner.worker`` inside the worker processes (papermill is not loaded by the parent).
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, papermill_engines

NAME = "helpers"


def _no_write(**kwargs) -> None:
    pass


class SaveAtEndEngine(NBClientEngine):
    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        nb_man.save = _no_write  # the instance attribute shadows NotebookExecutionManager.save
        try:
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
        finally:
            del nb_man.save  # the class's save again, for notebook_complete's final write


papermill_engines.register(NAME, SaveAtEndEngine)
