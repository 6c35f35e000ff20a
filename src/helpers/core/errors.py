"""The error a user mistake raises: reported as one line, without a traceback."""


class UserError(Exception):
    """A mistake in what a user asked for (a parameter, a file, a row), reported without a traceback."""
