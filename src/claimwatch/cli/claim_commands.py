"""`claimwatch claim add|list|remove`: claims named in words, judged against every statement."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import ClaimwatchError
from .app import DEFAULT_DB, DbOption, ListFormat, app, fail, opened_store, stderr, stdout
from .output import print_rows

claim_app = typer.Typer(no_args_is_help=True,
                        help="Claims you name in words: every statement is judged toward them.")
app.add_typer(claim_app, name="claim")

_CLAIM_COLUMNS = ("id", "text", "story", "counters", "statements", "status")
# Judging a whole store prints progress every this many articles.
_PROGRESS_EVERY = 500


@claim_app.command("add")
def claim_add(
    text: Annotated[str, typer.Argument(help='The claim as a short sentence ("troops are in the region").')],
    story: Annotated[str | None, typer.Option(help="Judge only this story's statements (default: every story).")]
    = None,
    counter: Annotated[list[str] | None, typer.Option(
        help='A counter-claim: stating it denies the claim ("a research ship that lost its way"); repeat for more.')]
    = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Name a claim (or renew one): stored statements are judged toward it now, new ones as they arrive."""
    from ..claims.named import name_claim
    from ..track.named import add_named_claim

    with opened_store(db) as store:
        story_id = None
        if story is not None:
            story_id = store.resolve_story(story)
            if story_id is None:
                raise fail(f"story {story}: no such story; `claimwatch stories` lists them", code=1)
        try:
            claim = name_claim(text, story_id, counter or [])
        except ClaimwatchError as exc:
            raise fail(str(exc)) from None

        def progress(done: int) -> None:
            if done % _PROGRESS_EVERY == 0:
                stderr.print(f"judged {done} articles", highlight=False)

        stances = add_named_claim(store, claim, on_article=progress)
    judged = ", ".join(f"{stance} {n}" for stance, n in stances.most_common()) or "none yet"
    stdout.print(f"claim {claim.id}: {claim.text!r}; stored statements bearing on it: {judged}",
                 highlight=False, markup=False)


@claim_app.command("list")
def claim_list(
    story: Annotated[str | None, typer.Option(help="Only claims judged in this story.")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
) -> None:
    """List the named claims, with how many statements bear on each and its status."""
    from ..track import proposition_timeline

    with opened_store(db) as store:
        story_id = store.resolve_story(story) if story is not None else None
        if story is not None and story_id is None:
            raise fail(f"story {story}: no such story; `claimwatch stories` lists them", code=1)
        rows = []
        for claim in store.named_claims(story_id):
            tracked = proposition_timeline(store, claim.id)
            rows.append({"id": claim.id, "text": claim.text, "story": claim.story_id or "every story",
                         "counters": list(claim.counters), "statements": len(tracked.statements),
                         "status": tracked.status or "", "created_at": claim.created_at})
    if fmt is ListFormat.table:
        rows = [{**row, "counters": "; ".join(row["counters"])} for row in rows]
    print_rows(rows, fmt.value, key="claims", columns=_CLAIM_COLUMNS, title=f"{len(rows)} named claims")


@claim_app.command("remove")
def claim_remove(claim_id: Annotated[str, typer.Argument(help="The claim's id, as `claimwatch claim list` shows.")],
                 db: DbOption = DEFAULT_DB) -> None:
    """Forget a named claim and the stances judged toward it; the statements themselves stay."""
    with opened_store(db) as store:
        with store.transaction():
            removed = store.remove_named_claim(claim_id)
        watching = [w.name for w in store.watches() if w.proposition == claim_id]
    if not removed:
        raise fail(f"claim {claim_id}: no such named claim; `claimwatch claim list` shows them", code=1)
    stdout.print(f"removed claim {claim_id}", highlight=False, markup=False)
    for name in watching:
        stderr.print(f"watch {name} still names it and will fire no more; `claimwatch watch remove {name}`",
                     highlight=False, markup=False)
