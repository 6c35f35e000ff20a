"""Table specifications, one module per family of sources; each registers its datasets on import."""
