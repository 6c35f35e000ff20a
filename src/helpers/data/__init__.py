"""The data layer: the catalog of validated tables, their build from raw files, download and documentation.

``load(name)`` returns a validated DataFrame. Importing this package imports every module of
``helpers.data.tables``, each of which registers its tables in the catalog.
"""

from helpers.data.catalog import (  # noqa: F401  (the data layer's public names)
    DataError, Dataset, RawFile, Source, build, get, load, load_sources, raw_path, read_metadata,
    read_raw_csv, register, registry, sha256_file, validate_all, validate_frame, validate_table, write_table,
)
from helpers.data.tables import benchmarks, compute, controls  # noqa: F401  (registers every table)
