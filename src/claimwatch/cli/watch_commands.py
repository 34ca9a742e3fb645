"""`claimwatch watch add|list|remove` and `claimwatch alerts`: what to watch, and what it fired."""

from __future__ import annotations

import json
import sys
import time
from typing import Annotated

import typer

from ..errors import ClaimwatchError
from ..vocabulary import STANCES
from .app import DEFAULT_DB, DbOption, ListFormat, app, fail, opened_store, stdout
from .output import print_rows

watch_app = typer.Typer(no_args_is_help=True, help="Watch actors, words, claims or stories for changes.")
app.add_typer(watch_app, name="watch")

_WATCH_COLUMNS = ("name", "actors", "keywords", "proposition", "story", "stances", "source_kinds")
_ALERT_COLUMNS = ("id", "created_at", "watch", "kind", "summary", "article_id")


@watch_app.command("add")
def watch_add(
    name: Annotated[str, typer.Argument(help="A name for the watch (letters, digits, '.', '_', '-').")],
    actor: Annotated[list[str] | None, typer.Option(
        help="An actor code (RUSGOV, PRKMIL) or a country or body by name; repeat for more.")] = None,
    keyword: Annotated[list[str] | None, typer.Option(help="A word in the sentence or claim; repeat for more.")] = None,
    proposition: Annotated[str | None, typer.Option(
        "--proposition", "--claim", help="Only this claim: a proposition's id, or a named claim's.")] = None,
    story: Annotated[str | None, typer.Option(help="Only this story (its id).")] = None,
    stance: Annotated[list[str] | None, typer.Option(
        help=f"Only statements with this stance ({', '.join(STANCES)}).")] = None,
    source_kind: Annotated[list[str] | None, typer.Option(
        help="Only statements from this kind of source (government_body, anonymous_official, ...).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Add (or replace) a watch; alerts fire as new articles are ingested."""
    from ..watch import watch_from_options

    try:
        watch = watch_from_options(name, actors=actor or [], keywords=keyword or [], proposition=proposition,
                                   story=story, stances=stance or [], source_kinds=source_kind or [])
    except ClaimwatchError as exc:
        raise fail(str(exc)) from None
    with opened_store(db) as store:
        with store.transaction():
            store.save_watch(watch)
    given = {k: v for k, v in watch.to_dict().items() if v and k != "name"}
    stdout.print(f"watching {watch.name}: {json.dumps(given)}", highlight=False, markup=False)


@watch_app.command("list")
def watch_list(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
) -> None:
    """List the watches."""
    with opened_store(db) as store:
        rows = [w.to_dict() for w in store.watches()]
    if fmt is ListFormat.table:
        rows = [{k: ", ".join(v) if isinstance(v, list) else v for k, v in row.items()} for row in rows]
    print_rows(rows, fmt.value, key="watches", columns=_WATCH_COLUMNS, title=f"{len(rows)} watches")


@watch_app.command("remove")
def watch_remove(name: Annotated[str, typer.Argument(help="The watch to remove.")], db: DbOption = DEFAULT_DB) -> None:
    """Remove a watch; the alerts it fired stay."""
    with opened_store(db) as store:
        with store.transaction():
            removed = store.remove_watch(name)
    if not removed:
        raise fail(f"watch {name}: no such watch; `claimwatch watch list` shows them", code=1)
    stdout.print(f"removed watch {name}", highlight=False, markup=False)


@app.command()
def alerts(
    db: DbOption = DEFAULT_DB,
    watch: Annotated[str | None, typer.Option(help="Only this watch's alerts.")] = None,
    since: Annotated[int, typer.Option(min=0, help="Only alerts with an id above this one.")] = 0,
    follow: Annotated[bool, typer.Option(help="Keep printing new alerts as they fire, until Ctrl+C.")] = False,
    fmt: Annotated[ListFormat, typer.Option(
        "--format", help="Output format (jsonl suits --follow).")] = ListFormat.table,
) -> None:
    """List the alerts watches fired, oldest first."""
    with opened_store(db) as store:
        # A removed watch's alerts stay, so a name with alerts is known even when no watch has it any more.
        known = watch is None or any(w.name == watch for w in store.watches()) or store.latest_alerts(1, watch=watch)
        if not known:
            raise fail(f"watch {watch}: no such watch; `claimwatch watch list` shows them", code=1)
        found = store.alerts(after=since, watch=watch)
        print_rows([a.to_dict() for a in found], fmt.value, key="alerts", columns=_ALERT_COLUMNS,
                   title=f"{len(found)} alerts")
        last = found[-1].id if found else since
        try:
            while follow:
                time.sleep(1.0)
                for alert in store.alerts(after=last, watch=watch):
                    last = alert.id
                    line = json.dumps(alert.to_dict(), ensure_ascii=False) if fmt is not ListFormat.table else \
                        f"{alert.id}  {alert.created_at}  {alert.watch}  {alert.kind}  {alert.summary}"
                    sys.stdout.write(line + "\n")
                    sys.stdout.flush()
        except KeyboardInterrupt:
            pass

