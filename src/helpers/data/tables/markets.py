"""Hand-compiled market tables for notebook 04 (claims C6 and C12), every row cited in
``data/sources/markets.yaml``:

- ``cloud_margins``: revenue, operating income and operating margin of the cloud segments (AWS, Google
  Cloud, Microsoft Intelligent Cloud), GPU clouds (CoreWeave, Oracle's GPU rentals) and comparison rows
  (NVIDIA, grocery, airline, Damodaran's industry averages), from filings and their reprints;
- ``api_prices``: dated LLM API list prices 2021-2026 (Epoch AI's price database and the input data of its
  price-trend insight with benchmark scores, Simon Willison's llm-prices history, announcements);
- ``price_decline_fits``: Epoch AI's 21 published per-benchmark price-decline fits.

Each row keeps its grade (H/M/L) and whether its value is reported, derived or secondary.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from helpers.data.catalog import Dataset, Source, register
from helpers.data.tables.common import ACCESSED, nonneg_float

MARKETS_COMPILED = Source(
    producer="Various (one source per row, see data/sources/markets.yaml)",
    title="Hand-compiled from filings, publishers' data and cited public pages",
    url="data/sources/markets.yaml",
    licence="facts cited from their publishers; Epoch AI data CC BY 4.0",
    date_published="various",
    date_accessed=ACCESSED,
)
EPOCH_PRICES = Source(
    producer="Epoch AI",
    title="LLM inference prices have fallen rapidly but unequally across tasks (data and code)",
    url="https://github.com/epoch-research/llm-benchmark-efficiency",
    licence="CC BY 4.0",
    date_published="2025-03-12",
    date_accessed=ACCESSED,
    citation="Epoch AI, 'LLM inference prices have fallen rapidly but unequally across tasks', "
    "https://epoch.ai/data-insights/llm-inference-price-trends (2025)",
)
LLM_PRICES = Source(
    producer="Simon Willison",
    title="llm-prices (llm-prices.com), git history",
    url="https://github.com/simonw/llm-prices",
    licence="no licence stated; vendor list prices are facts",
    date_published="2024-10 to 2026-08-05",
    date_accessed=ACCESSED,
)

GRADES = ("H", "M", "L")
STATUSES = ("reported", "derived", "secondary")

# ------------------------------------------------------------------------------------ cloud_margins

ROW_TYPES = (
    "cloud_segment",
    "cloud_company_wide",
    "gpu_cloud",
    "comparison_chips",
    "comparison_commodity",
    "comparison_other",
)
LAYERS = ("cloud", "gpu_cloud", "chips", "commodity", "other")

register(
    Dataset(
        name="cloud_margins",
        title="Operating margins of cloud segments, GPU clouds and comparison businesses (hand-compiled)",
        description="Revenue, operating income and operating margin per company segment and period, from "
        "10-K/10-Q filings (SEC EDGAR and faithful mirrors), press releases and, where nothing better was "
        "found, aggregators and news summaries. Cloud segments: AWS (2017-2025), Google Cloud (2018-2025, "
        "as first reported and as recast in 2023), Microsoft Intelligent Cloud (FY2017-FY2025; Azure is not "
        "reported alone and the segment also holds server products). GPU clouds: CoreWeave (company-wide) "
        "and Oracle's GPU rentals (a gross margin from internal documents reported by The Information). "
        "Comparisons: NVIDIA (company-wide, about 90% data-center revenue), Kroger, Delta and Damodaran's "
        "US industry averages.",
        schema=pa.DataFrameSchema(
            {
                "series": pa.Column(str),
                "company": pa.Column(str),
                "segment": pa.Column(str),
                "row_type": pa.Column(str, pa.Check.isin(ROW_TYPES)),
                "layer": pa.Column(str, pa.Check.isin(LAYERS)),
                "period_type": pa.Column(str, pa.Check.isin(["FY", "quarter", "TTM", "snapshot"])),
                "fiscal_period": pa.Column(str),
                "period_end": pa.Column("datetime64[ns]", nullable=True),
                "revenue_usd": nonneg_float(),
                "operating_income_usd": pa.Column(float, nullable=True),
                "operating_margin_pct": pa.Column(float, nullable=True, checks=pa.Check.in_range(-200, 100)),
                "gross_margin_pct": pa.Column(float, nullable=True, checks=pa.Check.in_range(-100, 100)),
                "margin_basis": pa.Column(str),
                "value_status": pa.Column(str, pa.Check.isin(STATUSES)),
                "status_detail": pa.Column(str),
                "basis": pa.Column(str),
                "reporting_vintage": pa.Column(str, nullable=True),
                "grade": pa.Column(str, pa.Check.isin(GRADES)),
                "quote": pa.Column(str),
                "notes": pa.Column(str, nullable=True),
                "source_id": pa.Column(str),
            },
            strict=True,
            coerce=True,
            checks=[
                pa.Check(
                    lambda d: (
                        d["revenue_usd"].isna()
                        | d["operating_income_usd"].isna()
                        | d["operating_margin_pct"].isna()
                        | (
                            (
                                100 * d["operating_income_usd"] / d["revenue_usd"] - d["operating_margin_pct"]
                            ).abs()
                            <= 0.6
                        )
                    ),
                    error="operating_margin_pct = 100 x operating_income_usd / revenue_usd (to rounding)",
                )
            ],
        ),
        key=("series", "period_type", "fiscal_period", "basis"),
        sources=[MARKETS_COMPILED],
        kind="compiled",
        date_columns=("period_end",),
        columns_doc={
            "series": (
                "the series a reader follows (AWS, Google Cloud, Microsoft Intelligent Cloud, CoreWeave, ...)",
                "",
            ),
            "company": ("company (or the publisher of an industry average)", ""),
            "segment": ("segment as the company names it (or 'Company-wide')", ""),
            "row_type": ("cloud_segment, cloud_company_wide, gpu_cloud or a comparison row", ""),
            "layer": ("layer of the stack: cloud, gpu_cloud, chips, commodity or other", ""),
            "period_type": ("FY (fiscal year), quarter, TTM or snapshot (an industry average's vintage)", ""),
            "fiscal_period": (
                "the period as the company labels it (Microsoft: July-June; Oracle: June-May)",
                "",
            ),
            "period_end": ("last day of the period (blank when the source gives none)", "date"),
            "revenue_usd": ("segment revenue (net sales)", "USD"),
            "operating_income_usd": ("segment operating income (loss)", "USD"),
            "operating_margin_pct": ("operating income / revenue", "%"),
            "gross_margin_pct": (
                "gross margin, where the source gives one (Oracle GPU rentals: only this)",
                "%",
            ),
            "margin_basis": (
                "what the margin divides (segment, GAAP company-wide, after-tax industry average)",
                "",
            ),
            "value_status": (
                "reported (as filed), derived (computed here from reported figures) or secondary "
                "(taken from a reprint, news table or aggregator)",
                "",
            ),
            "status_detail": ("how the value was obtained, in words", ""),
            "basis": (
                "segment basis: Google Cloud as first reported or recast (2023); Microsoft before or "
                "after the FY2025 recast",
                "",
            ),
            "reporting_vintage": ("the filing or release the figure comes from", ""),
            "grade": (
                "source grade: H primary filing, M reprint or aggregator, L single secondary source",
                "",
            ),
            "quote": ("the figures as quoted from the source", ""),
            "notes": ("caveats", ""),
            "source_id": ("citation id in data/sources/markets.yaml", ""),
        },
        notes="Restatements are kept side by side, never merged: Google Cloud 2018-2022 as first reported "
        "(losses include DeepMind-era AI costs) against the 2023 recast (those costs moved to Alphabet-level); "
        "Microsoft's FY2025 10-K recast its segments (FY2023-2025 rows), not comparable one to one with "
        "FY2017-2020. Damodaran's averages are after-tax (2024) or pre-tax (2014) industry aggregates. "
        "Capital expenditure is not in the table.",
    )
)

# --------------------------------------------------------------------------------------- api_prices

DATASETS = ("epoch_price_db", "epoch_insight_aa", "epoch_insight_not_in_aa", "llm_prices", "news", "a16z")

register(
    Dataset(
        name="api_prices",
        title="Dated LLM API list prices 2021-2026, some with benchmark scores (hand-compiled)",
        description="One row per price observation: a model's input and output list price per million tokens "
        "on a date (launch, price change or observation). Datasets: `epoch_price_db` (Epoch AI's API price "
        "database export, archived links), `epoch_insight_aa` and `epoch_insight_not_in_aa` (the input data of "
        "Epoch AI's price-trend insight: 3:1 blended prices with MMLU, GPQA Diamond, MATH-500, MATH level 5, "
        "HumanEval and Arena Elo), `llm_prices` (price events rebuilt from the git history of Simon "
        "Willison's llm-prices, dated by commit), `news` (announcements on secondary pages) and `a16z`.",
        schema=pa.DataFrameSchema(
            {
                "price_id": pa.Column(str, unique=True),
                "model": pa.Column(str),
                "model_id": pa.Column(str, nullable=True),
                "provider": pa.Column(str),
                "api_vendor": pa.Column(str, nullable=True),
                "price_date": pa.Column(
                    "datetime64[ns]",
                    checks=pa.Check.in_range(pd.Timestamp("2020-01-01"), pd.Timestamp("2027-12-31")),
                ),
                "date_precision": pa.Column(str, pa.Check.isin(["day", "month"])),
                "date_type": pa.Column(str),
                "input_usd_per_mtok": nonneg_float(),
                "output_usd_per_mtok": nonneg_float(),
                "blended_3to1_usd_per_mtok": nonneg_float(),
                "price_basis": pa.Column(str, nullable=True),
                "mmlu": pa.Column(float, nullable=True, checks=pa.Check.in_range(0, 100)),
                "gpqa_diamond": pa.Column(float, nullable=True, checks=pa.Check.in_range(0, 100)),
                "math_500": pa.Column(float, nullable=True, checks=pa.Check.in_range(0, 100)),
                "math_level5": pa.Column(float, nullable=True, checks=pa.Check.in_range(0, 100)),
                "humaneval": pa.Column(float, nullable=True, checks=pa.Check.in_range(0, 100)),
                "arena_elo": pa.Column(float, nullable=True, checks=pa.Check.in_range(800, 2000)),
                "capability_source": pa.Column(str, nullable=True),
                "dataset": pa.Column(str, pa.Check.isin(DATASETS)),
                "value_status": pa.Column(str, pa.Check.isin(STATUSES)),
                "grade": pa.Column(str, pa.Check.isin(GRADES)),
                "artefact": pa.Column(bool),
                "source_detail": pa.Column(str),
                "quote": pa.Column(str, nullable=True),
                "notes": pa.Column(str, nullable=True),
                "source_id": pa.Column(str),
            },
            strict=True,
            coerce=True,
        ),
        key=("price_id",),
        sources=[MARKETS_COMPILED, EPOCH_PRICES, LLM_PRICES],
        kind="compiled",
        date_columns=("price_date",),
        columns_doc={
            "price_id": ("row id: dataset and row number", ""),
            "model": ("model as the source names it (API id in brackets where given)", ""),
            "model_id": ("API model id, where the source gives one", ""),
            "provider": ("model developer (first-party API where there is one)", ""),
            "api_vendor": ("who sells the API at this price (a host for open models)", ""),
            "price_date": ("date of the price (first of the month when only the month is known)", "date"),
            "date_precision": ("day or month", ""),
            "date_type": (
                "what the date is: launch, price change, first listed (commit date), observation",
                "",
            ),
            "input_usd_per_mtok": ("list price of input tokens", "USD per million tokens"),
            "output_usd_per_mtok": ("list price of output tokens", "USD per million tokens"),
            "blended_3to1_usd_per_mtok": (
                "3:1 input:output blended price as given by the source (Epoch's "
                "definition); blank where the source gives none",
                "USD per million tokens",
            ),
            "price_basis": ("list, introductory, after a cut, median across hosts (Epoch) ...", ""),
            "mmlu": ("MMLU score as in Epoch's input data", "%"),
            "gpqa_diamond": ("GPQA Diamond score", "%"),
            "math_500": ("MATH-500 score", "%"),
            "math_level5": ("MATH level 5 score (Epoch's input data)", "%"),
            "humaneval": ("HumanEval score", "%"),
            "arena_elo": ("LMSys Chatbot Arena Elo as in Epoch's input data", "Elo"),
            "capability_source": ("where the scores come from", ""),
            "dataset": ("which compilation the row comes from (see the description)", ""),
            "value_status": (
                "reported (the publisher's own data) or secondary (a third party's list, news)",
                "",
            ),
            "grade": ("source grade H/M/L (data/sources/markets.yaml)", ""),
            "artefact": (
                "True: a change produced by llm-prices' 2025-10-10 data migration, not a vendor's",
                "bool",
            ),
            "source_detail": (
                "file and commit, or page, the row was read from (archived links for Epoch's rows)",
                "",
            ),
            "quote": ("the figures as quoted from the source", ""),
            "notes": ("caveats", ""),
            "source_id": ("citation id in data/sources/markets.yaml", ""),
        },
        notes="Prices are list prices: discounts, batch and cached-input prices, and what providers pay for "
        "compute are not in the data, so margins of model providers cannot be read from it. Dates of the "
        "llm-prices rows are commit dates, which may lag an announcement by days.",
    )
)

# ------------------------------------------------------------------------------- price_decline_fits

register(
    Dataset(
        name="price_decline_fits",
        title="Epoch AI's per-benchmark LLM price-decline fits (published)",
        description="Epoch AI's 21 fits of the price of the cheapest model at or above a threshold model's "
        "score, per benchmark and threshold: the price-reduction factor per year with its 90% interval, the "
        "sample size, the window and R².",
        schema=pa.DataFrameSchema(
            {
                "benchmark": pa.Column(str),
                "threshold_model": pa.Column(str),
                "threshold_score": pa.Column(float),
                "sample_size": pa.Column(int, pa.Check.ge(2)),
                "start_date": pa.Column("datetime64[ns]"),
                "end_date": pa.Column("datetime64[ns]"),
                "factor_per_year": pa.Column(float, pa.Check.gt(0)),
                "factor_ci90_low": pa.Column(float, pa.Check.gt(0)),
                "factor_ci90_high": pa.Column(float, pa.Check.gt(0)),
                "r_squared": pa.Column(float, pa.Check.in_range(0, 1)),
                "source_id": pa.Column(str),
            },
            strict=True,
            coerce=True,
            checks=[
                pa.Check(
                    lambda d: (
                        (d["factor_ci90_low"] <= d["factor_per_year"])
                        & (d["factor_per_year"] <= d["factor_ci90_high"])
                    ),
                    error="factor_ci90_low <= factor_per_year <= factor_ci90_high",
                )
            ],
        ),
        key=("benchmark", "threshold_model"),
        sources=[EPOCH_PRICES],
        kind="compiled",
        date_columns=("start_date", "end_date"),
        columns_doc={
            "benchmark": ("benchmark as Epoch names it", ""),
            "threshold_model": ("model whose score sets the threshold", ""),
            "threshold_score": (
                "threshold score (lower end of Epoch's performance range)",
                "benchmark points",
            ),
            "sample_size": ("price observations in the fit", "observations"),
            "start_date": ("first observation (the threshold model)", "date"),
            "end_date": ("last observation", "date"),
            "factor_per_year": (
                "price reduction per year (price falls by this factor each year)",
                "x per year",
            ),
            "factor_ci90_low": ("lower end of the 90% interval", "x per year"),
            "factor_ci90_high": ("upper end of the 90% interval", "x per year"),
            "r_squared": ("R² of the log-linear fit", ""),
            "source_id": ("citation id in data/sources/markets.yaml", ""),
        },
        notes="Copied unchanged from Epoch's results file (commit 34b92331); numbers rounded only in display.",
    )
)
