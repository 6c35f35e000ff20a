"""Notebook 00: the verdict table read from the other notebooks' results."""
