"""`claimwatch store copy`: a whole store copied between SQLite and PostgreSQL, checked table by table."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app, fail, opened_store, stderr, stdout

store_app = typer.Typer(no_args_is_help=True, help="The store as a whole: copy it to another backend.")
app.add_typer(store_app, name="store")


@store_app.command("copy")
def store_copy(
    source: Annotated[str, typer.Option("--from", help="The store to copy: a SQLite file or a postgresql:// URL.")],
    destination: Annotated[str, typer.Option(
        "--to", help="Where to copy it: a new SQLite file or an empty PostgreSQL database (or an unfinished copy).")],
) -> None:
    """Copy every table of one store into another, then check each by its rows and their checksum.

    Run it again after an interruption: it writes what is missing and checks the whole.
    """
    from ..store.copying import copy_store

    if source == destination:
        raise fail(f"{source}: --from and --to name the same store; give a new store as --to")
    with opened_store(source) as origin, opened_store(destination) as target:
        def progress(table: str, rows: int) -> None:
            stderr.print(f"copied {table}: {rows} rows", highlight=False)

        try:
            checks = copy_store(origin, target, on_table=progress)
        except Exception as exc:  # noqa: BLE001  a database error mid-copy: what to do is the same
            raise fail(f"copying {origin.location} to {target.location} stopped ({exc}); "
                       "run the same command again to go on from where it stopped", code=1) from None
    different = [check for check in checks if not check.same]
    for check in checks:
        mark = "same" if check.same else "DIFFERENT"
        stdout.print(f"{check.table:<24} {check.source_rows:>9} rows  {check.copied_checksum}  {mark}",
                     highlight=False, markup=False)
    if different:
        names = ", ".join(check.table for check in different)
        raise fail(f"the copy differs from {source} in {names}; run the copy again, or copy into a new store",
                   code=1)
    stdout.print(f"copied {sum(c.source_rows for c in checks)} rows in {len(checks)} tables; every table checks out",
                 highlight=False)
