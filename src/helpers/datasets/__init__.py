"""Dataset specs, one module per domain; every module here is imported by ``helpers.data.registry``."""
