"""An exercise's answer key: the values a test compares with a rerun, and the Markdown the instructor
edition shows (a notebook cell that ends with an ``Answer`` displays its Markdown)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Answer"]


@dataclass(frozen=True)
class Answer:
    values: dict = field(default_factory=dict)
    markdown: str = ""

    def _repr_markdown_(self) -> str:
        return self.markdown
