"""The user's word on stories: merge two, or split articles off into a new one."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from ..errors import TrackingError
from ..store import TrackingStore

__all__ = ["merge_stories", "split_story"]


def _live(store: TrackingStore, story_id: str) -> str:
    live = store.resolve_story(story_id)
    if live is None:
        raise TrackingError(f"story {story_id}: no such story; `claimwatch stories` lists them")
    return live


def merge_stories(store: TrackingStore, target: str, absorbed: str) -> str:
    """Move every article of absorbed into target for good; returns target's id."""
    target, absorbed = _live(store, target), _live(store, absorbed)
    if target == absorbed:
        raise TrackingError(f"stories {target} and {absorbed} are already one story; nothing to merge")
    with store.transaction():
        store.merge_stories(target, absorbed)
    return target


def split_story(store: TrackingStore, story_id: str, article_ids: Sequence[str]) -> str:
    """Move the given articles of a story into a new story for good; returns the new story's id."""
    story_id = _live(store, story_id)
    story = store.get_story(story_id)
    members = set(story.articles)
    strangers = [a for a in article_ids if a not in members]
    if strangers:
        raise TrackingError(f"story {story_id}: articles {', '.join(strangers)} are not in it; "
                            f"`claimwatch story {story_id}` lists its articles")
    moving = list(dict.fromkeys(article_ids))
    if not moving or len(moving) == len(members):
        raise TrackingError(f"story {story_id}: give some of its articles, not none or all, to split off")
    new_id = "s" + secrets.token_hex(6)
    with store.transaction():
        store.create_story(new_id, "")
        store.move_articles(moving, new_id)
    return new_id
