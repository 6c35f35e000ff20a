"""The Content-Security-Policy every page of the site and every render carries (a ``<meta>`` tag).

The pages load nothing remote and run no script: images are embedded (``data:``) or files beside the page,
styles are inline. The policy says exactly that, so a string from data that slipped past the escaping could
still neither run a script, nor load an image, a font or a frame from elsewhere, nor send a form.
"""

from __future__ import annotations

import re

POLICY = (
    "default-src 'none'; img-src 'self' data: file:; style-src 'unsafe-inline'; font-src data:; "
    "script-src 'none'; object-src 'none'; frame-src 'none'; connect-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)
META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'

_HEAD = re.compile(r"(<head\b[^>]*>)", re.I)


def add_policy(page: str) -> str:
    """The page with the policy as the first element of its ``<head>`` (once)."""
    if META in page:
        return page
    return _HEAD.sub(lambda m: m.group(1) + META, page, count=1)
