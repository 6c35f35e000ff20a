"""Notebook 02: how concentrated each layer of the compute stack is (C5)."""
