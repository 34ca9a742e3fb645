"""`claimwatch deliver`: send alerts to webhooks and JSONL files, besides the terminal and the Atom feed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..net import is_http_url
from ..records import Delivery
from .app import DEFAULT_DB, DbOption, ListFormat, app, fail, opened_store, stderr, stdout
from .output import print_rows

deliver_app = typer.Typer(no_args_is_help=True, help="Deliver alerts to webhooks and JSONL files.")
app.add_typer(deliver_app, name="deliver")

WatchOption = Annotated[str | None, typer.Option(help="Only this watch's alerts (default: every watch's).")]
_COLUMNS = ("id", "kind", "target", "watch", "delivered_up_to", "failures", "last_error")


def _add(db: str, delivery: Delivery) -> None:
    with opened_store(db) as store:
        # A misspelt watch would deliver nothing, silently.
        if delivery.watch is not None and all(w.name != delivery.watch for w in store.watches()):
            raise fail(f"watch {delivery.watch}: no such watch; `claimwatch watch list` shows them, "
                       "`claimwatch watch add` makes one", code=1)
        with store.transaction():
            delivery_id = store.save_delivery(delivery)
    stdout.print(f"delivery {delivery_id}: alerts go to {escape(delivery.target)}", highlight=False)


@deliver_app.command("webhook")
def add_webhook(
    url: Annotated[str, typer.Argument(help="The http(s) address to POST each alert to, as JSON.")],
    secret: Annotated[str | None, typer.Option(
        envvar="CLAIMWATCH_WEBHOOK_SECRET", help="Sign each body with HMAC-SHA256 in X-Claimwatch-Signature.")] = None,
    watch: WatchOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """POST every new alert to a webhook, in order, retried with back-off until it is accepted."""
    if not is_http_url(url):
        raise fail(f"{url}: a webhook is an http:// or https:// address")
    _add(db, Delivery("webhook", url, watch=watch, secret=secret))


@deliver_app.command("jsonl")
def add_jsonl(
    path: Annotated[Path, typer.Argument(help="The file to append each alert to, one JSON object a line.",
                                         dir_okay=False)],
    watch: WatchOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Append every new alert to a JSON Lines file."""
    if not path.resolve().parent.is_dir():
        raise fail(f"{path}: folder {path.resolve().parent} does not exist; create it first")
    _add(db, Delivery("jsonl", str(path.resolve()), watch=watch))


@deliver_app.command("list")
def list_deliveries(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
) -> None:
    """List delivery targets and how far each got."""
    with opened_store(db) as store:
        rows = [d.to_dict() for d in store.deliveries()]
    print_rows(rows, fmt.value, key="deliveries", columns=_COLUMNS, title=f"{len(rows)} deliveries")


@deliver_app.command("remove")
def remove_delivery(delivery_id: Annotated[int, typer.Argument(help="The delivery's id.")],
                    db: DbOption = DEFAULT_DB) -> None:
    """Stop delivering to a target."""
    with opened_store(db) as store:
        with store.transaction():
            removed = store.remove_delivery(delivery_id)
    if not removed:
        raise fail(f"delivery {delivery_id}: no such delivery; `claimwatch deliver list` shows them", code=1)
    stdout.print(f"removed delivery {delivery_id}", highlight=False)


@deliver_app.command("run")
def run_deliveries(
    db: DbOption = DEFAULT_DB,
    allow_private: Annotated[bool, typer.Option(
        help="Allow webhooks on private, loopback and link-local addresses.")] = False,
) -> None:
    """Deliver the alerts each target has not had yet; exit 1 if a target failed (it is retried later)."""
    from ..watch import deliver_pending

    with opened_store(db) as store:
        reports = deliver_pending(store, store, allow_private=allow_private)
    for report in reports:
        if report.error:
            stderr.print(f"[red]failed:[/] {escape(report.error)}", highlight=False)
        stdout.print(f"delivery {report.delivery_id}: {report.delivered} alerts to {escape(report.target)}",
                     highlight=False)
    if any(r.error for r in reports):
        raise typer.Exit(1)
