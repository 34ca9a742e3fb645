"""The exceptions claimwatch raises, and what a caller should catch.

    ClaimwatchError                 anything claimwatch refuses or cannot do
     ├── SourceError                a source cannot be read: missing file,
     │    │                         binary data, bad JSON line, malformed feed
     │    └── FetchError            a URL cannot be fetched: refused address,
     │                              HTTP error status, time-out, oversize body
     ├── ExtractionError            a document was read but holds no article
     │                              (HTML with no main text, empty record)
     ├── DuplicateIdError           an article id is already used by another
     │                              article with different text
     ├── StoreError                 the store cannot be opened or written
     │    ├── SchemaError           the store's schema is newer than this
     │    │                         claimwatch, or its migrations are broken
     │    └── StoreBusyError        another writer held the store past the
     │                              wait allowed; try again (web: 503)
     ├── QueryError                 a search query that is malformed or would
     │                              cost too much (web: 400)
     ├── TrackingError              a story or proposition asked for does not
     │                              exist, or a merge or split cannot be done
     └── NotFoundError              an article, story or proposition asked for
                                    by id (a page, an API call) is not stored

Every message names the input it is about and says what to do about it, so
the CLI prints it as one line and goes on with the rest of the batch.
"""

from __future__ import annotations

__all__ = [
    "ClaimwatchError",
    "SourceError",
    "FetchError",
    "ExtractionError",
    "DuplicateIdError",
    "StoreError",
    "SchemaError",
    "StoreBusyError",
    "QueryError",
    "TrackingError",
    "NotFoundError",
]


class ClaimwatchError(Exception):
    """Base class of every error claimwatch raises on purpose."""


class SourceError(ClaimwatchError):
    """A source (file, line, feed, stdin) cannot be read as news."""


class FetchError(SourceError):
    """A URL could not be fetched, or was refused before fetching."""


class ExtractionError(ClaimwatchError):
    """A document was read but no article text could be extracted from it."""


class DuplicateIdError(ClaimwatchError):
    """An article id is already taken by an article with other text."""


class StoreError(ClaimwatchError):
    """The store cannot be opened, read or written."""


class SchemaError(StoreError):
    """The store's schema does not match what this claimwatch can migrate."""


class StoreBusyError(StoreError):
    """Another writer kept the store locked longer than this caller may wait."""


class QueryError(ClaimwatchError):
    """A search query is malformed or too costly to run; the message says how to narrow it."""


class TrackingError(ClaimwatchError):
    """A story or proposition does not exist, or a user's merge or split cannot be done."""


class NotFoundError(ClaimwatchError):
    """An article, story or proposition asked for by id is not in the store."""
