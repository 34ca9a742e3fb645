"""`claimwatch articles`, `search` and `show`: reading what is stored."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.markup import escape

from ..records import Article
from .app import DEFAULT_DB, DbOption, ListFormat, ReportFormat, ShowFormat, app, fail, opened_store, stdout
from .output import print_rows

_LIST_COLUMNS = ("id", "published", "outlet", "title", "duplicate_of")


def _bad_date(value: str) -> str:
    raise fail(f"--since {value!r} is not a date; give it as YYYY-MM-DD")


def _summary(article: Article) -> dict:
    row = article.to_dict()
    del row["text"]
    row["words"] = len(article.text.split())
    return row


@app.command()
def articles(
    db: DbOption = DEFAULT_DB,
    since: Annotated[str | None, typer.Option(help="Only articles published on or after this date (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only articles of this outlet (its domain).")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many articles.")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
) -> None:
    """List stored articles, oldest first."""
    if since is not None:
        from ..ingest.normalize import iso_date  # here: the ingest stage is slow to import

        since = iso_date(since) or _bad_date(since)
    with opened_store(db) as store:
        rows = [_summary(a) for a in store.articles(since=since, outlet=outlet, limit=limit)]
    print_rows(rows, fmt.value, key="articles", columns=_LIST_COLUMNS, title=f"{len(rows)} articles")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in titles and texts (FTS5 syntax allowed).")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="At most this many results.")] = 20,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="Output format.")] = ReportFormat.table,
) -> None:
    """Full-text search over titles and texts, best matches first."""
    with opened_store(db) as store:
        hits = store.search(query, limit=limit)
    rows = [{**_summary(h.article), "snippet": " ".join(h.marked("[", "]").split()), "rank": round(h.rank, 3)}
            for h in hits]
    print_rows(rows, fmt.value, key="results", columns=("id", "published", "outlet", "title", "snippet"),
               title=f"{len(rows)} results for {query!r}")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="The article's id.")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Output format.")] = ShowFormat.text,
) -> None:
    """Show one whole article: metadata and text."""
    with opened_store(db) as store:
        article = store.get_article(article_id)
        analysis = store.get_analysis(article_id) if article else None
    if article is None:
        raise fail(f"no article with id {article_id!r} in {db}; list ids with `claimwatch articles`", code=1)
    if fmt is ShowFormat.json:
        shown = {**article.to_dict(), "analysis": analysis.to_dict() if analysis else None}
        sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    stdout.print(f"[bold]{escape(article.title or '(untitled)')}[/]")
    for label, value in (("id", article.id), ("outlet", article.outlet), ("published", article.published),
                         ("url", article.url), ("authors", ", ".join(article.authors)),
                         ("site", article.site_name), ("language", article.language),
                         ("duplicate of", article.duplicate_of), ("source", article.source)):
        if value:
            stdout.print(f"[dim]{label}:[/] {escape(str(value))}", highlight=False)
    for key, value in article.extra.items():
        stdout.print(f"[dim]{escape(key)}:[/] {escape(json.dumps(value, ensure_ascii=False, default=str))}",
                     highlight=False)
    stdout.print()
    stdout.print(escape(article.text), highlight=False)
