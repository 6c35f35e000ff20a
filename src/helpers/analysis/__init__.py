"""One package per notebook, named like it: parameters, computations, verdicts, figures and text."""
