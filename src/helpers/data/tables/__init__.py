"""Table specifications, one module per publisher; each registers its datasets on import.

Epoch AI: ``epoch_models``, ``epoch_benchmarks``, ``epoch_hardware``, ``epoch_costs``, ``epoch_chip_owners``,
``epoch_gpu_clusters``; ``lmarena`` (LMSYS / LMArena / Arena); ``artificial_analysis``; ``markets`` (cloud margins and API prices, hand-compiled with a
citation per row); and ``compiled``
(hand-compiled tables no build reads). A compiled table that a build reads sits next to that build (``chip_spec_gaps`` with
``chips``, ``arena_open_overrides`` with ``arena``, ``aa_name_map`` with ``artificial_analysis``);
``common`` holds the parsers and source records they share.
"""
