"""``python -m converter``: the same as the ``contractkit`` command."""

from .cli import command

command()
