"""The top layer: the command line, run planning, caching, execution with papermill, sweeps."""
