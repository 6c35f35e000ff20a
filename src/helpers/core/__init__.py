"""The bottom layer: paths, parameter machinery, results, text, plots, uncertainty tools, verdict words."""
