"""Errors that reach the user as one clear sentence (file, line, problem), never a stack trace."""


class InputError(ValueError):
    """The raw folder cannot be read as asked; the message names the file, the line and the problem."""
