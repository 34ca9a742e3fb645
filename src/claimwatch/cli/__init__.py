"""The command line: a thin layer of Typer commands over the library."""

from __future__ import annotations

from . import analyze_command, browse_commands, export_command, ingest_command  # noqa: F401  (register commands)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Run the claimwatch command line."""
    app()
