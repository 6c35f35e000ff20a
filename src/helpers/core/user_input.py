"""What a user types, read safely: ``load_yaml`` (a parameter file, a scenario, a ``-p`` value) with a
stricter safe loader, and ``show``, the bounded echo of a value that every error message uses. Split from
``core.params``, which re-exports both."""

from __future__ import annotations

import reprlib
from typing import Any

import yaml

from helpers.core.errors import UserError

__all__ = ["MAX_YAML_DEPTH", "StrictLoader", "load_yaml", "show"]

_ECHO = reprlib.Repr()
_ECHO.maxstring, _ECHO.maxother, _ECHO.maxlist, _ECHO.maxdict, _ECHO.maxlevel = 60, 60, 5, 5, 3
_ECHO.maxtuple = _ECHO.maxset = 5


def show(value: Any) -> str:
    """``repr`` bounded to about 80 characters: what an error message echoes of a value a user gave (a
    YAML alias bomb or a megabyte string is never expanded into the message)."""
    text = _ECHO.repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


MAX_YAML_DEPTH = 50


class StrictLoader(yaml.SafeLoader):
    """The safe loader, stricter: no aliases (an alias bomb expands to gigabytes), no duplicate keys (the
    last value would win silently), at most ``MAX_YAML_DEPTH`` levels of nesting. (The pure-Python loader:
    libyaml's composes nodes in C, without the ``compose_node`` hook these checks need.)"""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed here", event.start_mark
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise yaml.constructor.ConstructorError(
                    None, None, f"nested deeper than {MAX_YAML_DEPTH} levels", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                dup = key in seen
            except TypeError:  # an unhashable key: the base class reports it
                break
            if dup:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {show(key)} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str | bytes, where: str) -> Any:
    """Parse YAML a user gave (a parameter file, a scenario, a ``-p`` value) or raise ``UserError`` in one
    line naming ``where``: aliases, duplicate keys, deep nesting, bad syntax and non-UTF-8 bytes refused."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as e:
            raise UserError(f"{where} is not UTF-8 text (byte {e.start}: {e.reason})") from None
    try:
        return yaml.load(text, Loader=StrictLoader)  # a safe loader, with stricter checks
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        msg = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise UserError(f"{where} is not valid YAML{at}: {str(msg)[:160]}") from None
    except RecursionError:
        raise UserError(f"{where}: nested too deeply") from None
