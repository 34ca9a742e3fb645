"""The command line: a thin layer of Typer commands over the library."""

from __future__ import annotations

from . import (  # noqa: F401  (register commands)
    analyze_command, browse_commands, claim_commands, export_command, ingest_command, serve_command, track_commands,
    deliver_commands, run_commands, watch_commands, stance_command, store_commands,
)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Run the claimwatch command line."""
    app()
