"""Each provider's flagship lineage: the model it offered as its most capable general model at each launch,
with the row of ``api_prices`` that gives its launch list price (and, where that row's date is an
observation date, the row that dates the launch).

``flagship``: the provider's top general model. ``premium`` adds the provider's higher-priced tier sold
beside it (research previews and "Pro" variants). The lineages are this notebook's reading of the
providers' announcements; the table only names rows, so a reader can change an entry and rerun.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["FLAGSHIPS", "PREMIUM", "flagship_rows"]

# provider -> [(label, price_id of the price, price_id of the launch date or None)]
FLAGSHIPS = {
    "OpenAI": [
        ("GPT-4", "epoch_price_db_051", None),
        ("GPT-4 Turbo", "epoch_price_db_042", None),
        ("GPT-4o", "epoch_price_db_001", None),
        ("o1", "epoch_price_db_058", None),
        ("o3", "llm_prices_187", None),
        ("GPT-5", "llm_prices_208", None),
        ("GPT-5.1", "llm_prices_237", None),
        ("GPT-5.2", "llm_prices_247", None),
        ("GPT-5.4", "llm_prices_253", None),
        ("GPT-5.5", "llm_prices_263", None),
        ("GPT-5.6 Sol", "llm_prices_274", None),
    ],
    "Anthropic": [
        ("Claude 3 Opus", "epoch_price_db_003", "epoch_insight_aa_068"),
        ("Claude Opus 4", "llm_prices_193", None),
        ("Claude Opus 4.5", "llm_prices_245", None),
        ("Claude Mythos 5", "llm_prices_273", None),
    ],
    "Google": [
        ("Gemini 1.5 Pro", "epoch_price_db_010", None),
        ("Gemini 2.5 Pro", "llm_prices_180", None),
        ("Gemini 3 Pro", "llm_prices_238", None),
        ("Gemini 3.1 Pro", "llm_prices_250", None),
    ],
    "xAI": [
        ("Grok 3", "llm_prices_182", None),
        ("Grok 4", "llm_prices_205", None),
        ("Grok 4.5", "llm_prices_289", None),
    ],
    "DeepSeek": [("DeepSeek-V3", "epoch_price_db_061", None), ("DeepSeek-V4-Pro", "llm_prices_266", None)],
}
PREMIUM = {
    "OpenAI": [
        ("GPT-4-32k", "epoch_price_db_052", None),
        ("GPT-4.5", "llm_prices_166", None),
        ("o1 Pro", "llm_prices_179", None),
        ("o3 Pro", "llm_prices_198", None),
        ("GPT-5 Pro", "llm_prices_213", None),
        ("GPT-5.2 Pro", "llm_prices_248", None),
        ("GPT-5.4 Pro", "llm_prices_255", None),
        ("GPT-5.5 Pro", "llm_prices_264", None),
    ]
}


def flagship_rows(prices: pd.DataFrame, providers, tier: str) -> pd.DataFrame:
    """The flagship (and with ``tier="with_premium"`` the premium) launches of ``providers``: provider,
    label, tier, price_date and the price columns of the named rows."""
    by_id = prices.set_index("price_id")
    rows = []
    for name, table in (("flagship", FLAGSHIPS), ("premium", PREMIUM)):
        if name == "premium" and tier != "with_premium":
            continue
        for prov in providers:
            for label, pid, date_id in table.get(prov, []):
                if pid not in by_id.index or (date_id and date_id not in by_id.index):
                    raise ValueError(f"flagship {label}: row {pid or date_id} is not in api_prices")
                r = by_id.loc[pid]
                rows.append(
                    {
                        "provider": prov,
                        "label": label,
                        "tier": name,
                        "price_id": pid,
                        "price_date": by_id.loc[date_id, "price_date"] if date_id else r["price_date"],
                        "input_usd_per_mtok": r["input_usd_per_mtok"],
                        "output_usd_per_mtok": r["output_usd_per_mtok"],
                        "blended_3to1_usd_per_mtok": r["blended_3to1_usd_per_mtok"],
                        "source_id": r["source_id"],
                    }
                )
    return pd.DataFrame(rows)
