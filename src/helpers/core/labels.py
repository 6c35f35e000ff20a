"""Reader words for internal identifiers, in one place: every figure legend, tick label and table header
that shows a data value such as a source, rule or benchmark id goes through ``plain``.

    plain("history_bt")                   -> "Arena history, Bradley-Terry tables"
    plain("bis_2022_10")                  -> "BIS rule, Oct 2022"
    plain("some_new_thing")               -> "some new thing"      (fallback: underscores become spaces)

``PLAIN`` holds the names that need more than the fallback; rule ids of the form ``bis_YYYY_MM`` (Commerce
Department's Bureau of Industry and Security) and ``usg_YYYY_MM`` (other US government decisions) are
spelled from their date.
"""

from __future__ import annotations

import re

__all__ = ["HEADERS", "IDENT", "PLAIN", "header", "notebook_name", "plain", "plain_all"]

# a snake_case identifier (a result key, parameter or data id) where words should stand
IDENT = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")

PLAIN = {
    # Arena leaderboard spans of comparable snapshots (data/tables/lmarena.py)
    "history_online_elo": "Arena history, online Elo",
    "history_bt": "Arena history, Bradley-Terry tables",
    "lmsys_csv_2024_2025": "LMSYS tables, 2024-2025",
    "lmarena_text_2025": "LMArena text table, 2025",
    "arena_top_n_2026": "Arena top-N list, 2026",
    "official_2026_default": "official Arena 2026, default view",
    "official_2026_style_control": "official Arena 2026, style control",
    "hard_prompts": "hard prompts",
    # benchmarks
    "otis_mock_aime_2024_2025": "OTIS Mock AIME 2024-2025",
    "gpqa_diamond": "GPQA Diamond",
    "swe_bench_verified": "SWE-bench Verified",
    "frontiermath": "FrontierMath",
    "mmlu_pro": "MMLU-Pro",
    "math_level_5": "MATH Level 5",
    # Artificial Analysis indexes and scores (analysis/benchmark_parity/measures.py AA_MEASURES)
    "intelligence_index": "Intelligence Index",
    "coding_index": "Coding Index",
    "math_index": "Math Index",
    "aime_25": "AIME 2025",
    # layers of the compute stack (notebook 02)
    "accelerators": "accelerators",
    "foundry": "foundry",
    "cloud": "cloud",
    "owners": "AI compute owners",
    "by_designer": "by designer",
    "by_parent": "under parent companies",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RULE = re.compile(r"^(bis|usg)_(\d{4})_(\d{2})$")
_RULE_WORDS = {"bis": "BIS rule", "usg": "US decision"}


def plain(name) -> str:
    """``name`` in reader words: the ``PLAIN`` entry, a dated rule id spelled out, or the name with its
    underscores replaced by spaces. Non-strings are returned as their ``str``."""
    s = str(name)
    if s in PLAIN:
        return PLAIN[s]
    m = _RULE.match(s)
    if m and 1 <= int(m.group(3)) <= 12:
        return f"{_RULE_WORDS[m.group(1)]}, {_MONTHS[int(m.group(3)) - 1]} {m.group(2)}"
    return s.replace("_", " ")


# a column name's unit suffix and how a header says it: "margin_pct" -> "margin (%)"
UNIT_SUFFIXES = {
    "pct": "%",
    "usd": "$",
    "months": "months",
    "years": "years",
    "days": "days",
    "flop": "FLOP",
    "h100e": "H100e",
    "x": "×",
}


# table columns whose words are more than the name without underscores
HEADERS = {
    "cr1": "CR1 (%)",
    "cr3": "CR3 (%)",
    "cr5": "CR5 (%)",
    "hhi_low": "HHI, low",
    "hhi_high": "HHI, high",
    "effective_n_low": "effective firms, low",
    "effective_n_high": "effective firms, high",
    "n_named": "named firms",
    "gap_elo": "gap (rating points)",
    "gap_low": "gap, interval low",
    "gap_high": "gap, interval high",
    "win_prob": "win probability",
    "win_prob_open": "open model's win probability",
    "n_models": "models",
    "n_open": "open models",
    "a_model": "version scored",
    "b_model": "closed model",
    "n_in_year": "organizations that year",
    "n_cumulative": "organizations so far",
    "countries_in_year": "countries that year",
}


def header(name) -> str:
    """A table column in reader words: a snake_case name loses its underscores and says its unit in
    parentheses ("lag_months" -> "lag (months)", "threshold_flop" -> "threshold (FLOP)"); a name already in
    words, or with an entry in ``PLAIN``, is shown as ``plain`` gives it."""
    s = str(name)
    if s in HEADERS:
        return HEADERS[s]
    if s in PLAIN or "_" not in s:
        return plain(s)
    stem, _, unit = s.rpartition("_")
    if unit in UNIT_SUFFIXES and stem:
        return f"{plain(stem)} ({UNIT_SUFFIXES[unit]})"
    return plain(s)


def plain_all(names) -> list[str]:
    """``plain`` of each name."""
    return [plain(n) for n in names]


def notebook_name(stem) -> str:
    """A notebook in reader words, for text that cannot look its title up: "01_benchmark_parity" ->
    "the benchmark parity notebook"."""
    return f"the {plain(re.sub(r'^[0-9]+_', '', str(stem)))} notebook"
