"""Notebook 01: open versus closed models on benchmarks and the Arena (C1-C4)."""
