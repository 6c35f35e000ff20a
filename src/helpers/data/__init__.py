"""The data layer: the catalog of validated tables, their build from raw files, download and documentation.

``load(name)`` returns a validated DataFrame. Importing this package imports every module of
``helpers.data.tables`` (one per publisher), each of which registers its tables in the catalog.

- ``catalog``: what a dataset is (``Dataset``, ``Source``, ``RawFile``) and the registry (``register``,
  ``registry``, ``get``);
- ``store``: reading and validating the processed tables (``load``, ``validate_table``, ``validate_all``);
- ``builder``: raw files -> processed tables and metadata (``build``, ``read_raw_csv``, ``write_table``);
- ``download``, ``docs`` (the generated ``data/README.md``), ``arena`` (the shared Arena row selection).
"""

from helpers.core import paths  # noqa: F401  (``data.paths``: the CLI prints paths relative to the root)
from helpers.data.builder import build, raw_path, read_raw_csv, write_metadata, write_table  # noqa: F401
from helpers.data.catalog import DataError, Dataset, RawFile, Source, get, register, registry  # noqa: F401
from helpers.data.store import (  # noqa: F401  (the data layer's public names)
    load,
    load_sources,
    read_metadata,
    read_processed,
    sha256_file,
    validate_all,
    validate_frame,
    validate_table,
)
from helpers.data.tables import (  # noqa: F401  (each module registers its tables)
    artificial_analysis,
    compiled,
    epoch_benchmarks,
    epoch_chip_owners,
    epoch_costs,
    epoch_gpu_clusters,
    epoch_hardware,
    epoch_models,
    lmarena,
    markets,
)
