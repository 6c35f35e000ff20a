"""The papermill engine the workers execute notebooks with: papermill's nbclient engine, saving the output
notebook when execution ends instead of at every cell's start and end (papermill writes it once more after
the engine returns).

Papermill writes the whole notebook (figures included, 1-2 MB here) twice per cell so that a notebook
watched while it runs shows its progress; no one watches a worker's notebook, and those 60-80 writes per
notebook cost 0.3-0.7 s of CPU per notebook. The final write happens in papermill's own ``finally``
(``notebook_complete``), so a failed or timed-out notebook is still saved with the cells it ran.

Imported only by ``runner.worker`` inside the worker processes (papermill is not loaded by the parent).
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

NAME = "helpers"


class _SaveAtEnd(NotebookExecutionManager):
    _ended = False

    def save(self, **kwargs):
        if self._ended:
            super().save(**kwargs)

    def notebook_complete(self, **kwargs):
        self._ended = True
        super().notebook_complete(**kwargs)


class SaveAtEndEngine(NBClientEngine):
    @classmethod
    def execute_notebook(
        cls,
        nb,
        kernel_name,
        output_path=None,
        progress_bar=True,
        log_output=False,
        autosave_cell_every=30,
        **kw,
    ):
        nb_man = _SaveAtEnd(
            nb,
            output_path=output_path,
            progress_bar=progress_bar,
            log_output=log_output,
            autosave_cell_every=autosave_cell_every,
        )
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kw)
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb


papermill_engines.register(NAME, SaveAtEndEngine)
