"""Rendering executed notebooks, the HTML site, seminar editions and the committed reports."""
