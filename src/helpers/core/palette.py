"""The collection's palette (re-exported by ``helpers.core.plots``): one colour per concept, colour-blind
safe.

It is built from Okabe & Ito's eight colours (Okabe-Ito) and Paul Tol's "muted" and "bright" schemes,
which stay distinct under the common colour-vision deficiencies; no contrast is a red-green pair. Four
cross-cutting concepts have colours reserved to them (no other key uses them); companies, Arena sources and
export-licence statuses each have a colour unique within their family, and no family reuses a reserved
colour.

=================================  =========  ==========================================================
concept (keys)                     colour     source and use
=================================  =========  ==========================================================
open (open weights)                #D55E00    Okabe-Ito vermilion; reserved
closed (API / hosted)              #0072B2    Okabe-Ito blue; reserved
US                                 #332288    Tol indigo; reserved
China                              #CC6677    Tol rose; reserved (China as a country or an owner bucket)
Other, Unattributed                #999999    grey: pooled or unnamed categories (never a concept)
NVIDIA                             #009E73    Okabe-Ito bluish green
TSMC                               #117733    Tol green (foundry panel only; NVIDIA is never beside it)
Amazon, AWS, Amazon Trainium       #E69F00    Okabe-Ito orange
Microsoft, Azure                   #56B4E9    Okabe-Ito sky blue
Google, GCP, Google TPU            #AA4499    Tol purple (clearly apart from Microsoft's sky blue)
Meta                               #999933    Tol olive
Oracle                             #882255    Tol wine
CoreWeave                          #44AA99    Tol teal
xAI                                #000000    black
AMD                                #661100    Tol dark brown
Samsung                            #DDCC77    Tol sand
SMIC                               #77AADD    Tol light blue
Huawei                             #EE3377    Tol magenta
OpenAI                             #225555    Tol dark cyan
Anthropic                          #CCBB44    Tol yellow
DeepSeek                           #663333    Tol dark red
Arena sources (``arena:<name>``)   see below  one colour and marker per comparable span of Arena snapshots
licence statuses (``status:..``)   purples    an ordered ramp: light = may be sold, dark = licence required
=================================  =========  ==========================================================

Arena sources (``ARENA_SOURCES``, markers ``ARENA_MARKERS``): history online Elo #88CCEE, history
Bradley-Terry #DDAA33, LMSYS tables 2024-25 #44AA99, LMArena text 2025 #AA4499, Arena top-N 2026 #999933,
official 2026 default #882255, official 2026 style control #4477AA. Licence statuses: allowed #DADAEB,
allowed with a revenue share #9E9AC8, case-by-case review #6A51A3, licence required #3F007D, unknown
#BBBBBB (hatched), not a US export white. Judgement bands (``BAND_COLOURS``: speed bump .. roadblock,
unconcentrated .. highly concentrated) are a light grey ramp so they never compete with the concept colours
drawn on them.
"""

from __future__ import annotations

import matplotlib
import numpy as np

# The palette documented above: one colour per concept across all notebooks.
RESERVED = {"open": "#D55E00", "closed": "#0072B2", "US": "#332288", "China": "#CC6677"}
COMPANIES = {
    "NVIDIA": "#009E73",
    "TSMC": "#117733",
    "Amazon": "#E69F00",
    "Microsoft": "#56B4E9",
    "Google": "#AA4499",
    "Meta": "#999933",
    "Oracle": "#882255",
    "CoreWeave": "#44AA99",
    "xAI": "#000000",
    "AMD": "#661100",
    "Samsung": "#DDCC77",
    "SMIC": "#77AADD",
    "Huawei": "#EE3377",
    "OpenAI": "#225555",
    "Anthropic": "#CCBB44",
    "DeepSeek": "#663333",
}
# other names of the same company: its cloud, its chips
ALIASES = {
    "AWS": "Amazon",
    "Amazon Trainium": "Amazon",
    "Azure": "Microsoft",
    "Microsoft Intelligent Cloud": "Microsoft",
    "GCP": "Google",
    "Google Cloud": "Google",
    "Google TPU": "Google",
    "United States": "US",
    "Unattributed": "Other",
}
ARENA_SOURCES = {
    "history_online_elo": "#88CCEE",
    "history_bt": "#DDAA33",
    "lmsys_csv_2024_2025": "#44AA99",
    "lmarena_text_2025": "#AA4499",
    "arena_top_n_2026": "#999933",
    "official_2026_default": "#882255",
    "official_2026_style_control": "#4477AA",
}
ARENA_MARKERS = dict(zip(ARENA_SOURCES, "osD^vPX"))
LICENCE_STATUS = {
    "allowed": "#DADAEB",
    "allowed (revenue share)": "#9E9AC8",
    "case-by-case review": "#6A51A3",
    "licence required": "#3F007D",
    "unknown": "#BBBBBB",
    "not a US export": "#FFFFFF",
}
NEUTRAL = {"Other": "#999999", "meets": "#444444", "misses": "#BBBBBB"}
PALETTE = {
    **RESERVED,
    **NEUTRAL,
    **COMPANIES,
    **{k: (RESERVED | COMPANIES | NEUTRAL)[v] for k, v in ALIASES.items()},
    **{f"arena:{k}": v for k, v in ARENA_SOURCES.items()},
    **{f"status:{k}": v for k, v in LICENCE_STATUS.items()},
}
# judgement bands, lightest = mildest: a grey ramp, not green-yellow-red
BAND_COLOURS = {"low": "#F7F7F7", "moderate": "#E6E6E6", "high": "#CFCFCF"}


def colour(name: str, default: str = "#999999") -> str:
    """Colour of a category; unknown names get ``default`` (grey) so colours never change meaning."""
    return PALETTE.get(name, default)


def palette_for(names) -> dict:
    """A {name: colour} mapping for seaborn's ``palette=`` argument; unnamed categories cycle a grey ramp."""
    k = max(3, len(list(names))) + 2  # seaborn's color_palette("Greys", k): k inner samples of the colormap
    greys = [tuple(c) for c in matplotlib.colormaps["Greys"](np.linspace(0, 1, k + 2)[1:-1])[:, :3]][2:]
    out = {}
    for i, n in enumerate(names):
        out[n] = PALETTE.get(n, greys[i % len(greys)])
    return out
