"""Notebook 03: export controls, effective compute and the delay they impose (C7-C10)."""
