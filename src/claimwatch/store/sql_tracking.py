"""The track stage's tables in the SQL stores: stories, propositions, statements, figures."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from ..clock import now
from ..records import Evidence, PropositionKey, ReportedFigure, Story
from .sql_rows import chunks
from .tracking_base import PropositionRow, StoryMatch, TrackedStatement, TrackingStore

__all__ = ["SQLTracking", "evidence_from_row"]

_EVIDENCE_COLUMNS = ("article_id, published, outlet, source, source_actor, source_country, source_kind, "
                     "stance, cue, sentence, origin, chain, subject, predicate, object")
_FIGURE_COLUMNS = "published, article_id, outlet, value, high, unit, subject, approx, text"
_STATEMENT_COLUMNS = ("article_id, position, story_id, proposition_id, subject, predicate, object, location, "
                      "mentioned, published, outlet, source, source_actor, source_country, source_kind, stance, cue, "
                      "sentence, origin, chain")
_TRACKED_FIGURE_COLUMNS = "article_id, position, country, published, outlet, value, high, unit, subject, approx, text"


def evidence_from_row(row: sqlite3.Row) -> Evidence:
    return Evidence(row["article_id"], row["published"], row["outlet"], row["source"], row["source_actor"],
                    row["source_country"], row["source_kind"], row["stance"], row["cue"], row["sentence"],
                    row["origin"], json.loads(row["chain"]),
                    PropositionKey(row["subject"], row["predicate"], row["object"]))


def _members(claims: Sequence[str], story_id: str | None) -> tuple[str, list[str]]:
    """The statements of these propositions as (claim, article_id, position) rows, and the query's parameters:
    those grouped into each, and those judged toward it when a user named it."""
    story = " AND story_id = ?" if story_id is not None else ""
    sql = (f"SELECT proposition_id AS claim, article_id, position FROM tracked_statements "
           f"WHERE proposition_id IN ({_marks(claims)}){story} UNION SELECT proposition_id, article_id, position "
           f"FROM named_claim_statements WHERE proposition_id IN ({_marks(claims)})")
    return sql, [*claims, *([story_id] if story_id is not None else []), *claims]


def _replacing(columns: str) -> str:
    """The SET list of an upsert that replaces every column but the key (article_id, position)."""
    names = [c.strip() for c in columns.split(",")]
    return ", ".join(f"{n} = excluded.{n}" for n in names if n not in ("article_id", "position"))


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


class SQLTracking(TrackingStore):
    """Mixed into a SQL store, which provides the connection."""

    _conn: sqlite3.Connection
    # Put before a column to keep the planner off its index (SQLite's unary +); "" where not needed.
    _unindexed = ""

    def story_of(self, article_id: str) -> str | None:
        row = self._conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def resolve_story(self, story_id: str) -> str | None:
        seen = set()
        while story_id not in seen:
            seen.add(story_id)
            row = self._conn.execute("SELECT merged_into FROM stories WHERE id = ?", (story_id,)).fetchone()
            if row is None:
                return None
            if row[0] is None:
                return story_id
            story_id = row[0]
        return None

    def matching_stories(self, terms: Sequence[str], day: int | None, window_days: int,
                         per_term: int) -> list[StoryMatch]:
        shared: dict[str, dict[str, int]] = defaultdict(dict)
        for term in terms:
            # One bounded range scan of (term, last_day) per term: the most
            # recently active stories carrying it, however large the store.
            if day is None:
                rows = self._conn.execute(
                    "SELECT story_id, articles FROM story_terms WHERE term = ? ORDER BY last_day DESC LIMIT ?",
                    (term, per_term))
            else:
                rows = self._conn.execute(
                    "SELECT story_id, articles FROM story_terms WHERE term = ? AND last_day >= ? "
                    "ORDER BY last_day DESC LIMIT ?", (term, day - window_days, per_term))
            for story_id, articles in rows:
                shared[story_id][term] = articles
        if not shared:
            return []
        ids = list(shared)
        # The unary + keeps SQLite off the stories_active index, which it would otherwise pick for
        # "merged_into IS NULL" and walk every live story with; the ids go straight to the primary key.
        rows = self._conn.execute(
            f"SELECT id, article_count, first_day, last_day FROM stories WHERE id IN ({_marks(ids)}) "
            f"AND {self._unindexed}merged_into IS NULL", ids).fetchall()
        matches = []
        for story_id, count, first_day, last_day in rows:
            if day is not None and first_day is not None and first_day > day + window_days:
                continue
            matches.append(StoryMatch(story_id, count, first_day, last_day, shared[story_id]))
        return matches

    def term_counts(self, terms: Sequence[str]) -> tuple[dict[str, int], int]:
        counts = {}
        for chunk in chunks(terms):
            counts.update(self._conn.execute(
                f"SELECT term, articles FROM term_counts WHERE term IN ({_marks(chunk)})", chunk).fetchall())
        total = self._conn.execute("SELECT articles FROM term_counts WHERE term = ''").fetchone()
        return counts, total[0] if total else 0

    def create_story(self, story_id: str, title: str) -> None:
        self._conn.execute("INSERT INTO stories (id, title, created_at) VALUES (?, ?, ?)",
                           (story_id, title, now()))

    def add_to_story(self, story_id: str, article_id: str, *, day: int | None, published: str | None,
                     title: str | None, terms: Sequence[str], assigned_by: str = "auto") -> None:
        terms = sorted(set(terms))
        self._conn.execute(
            "INSERT INTO story_articles (article_id, story_id, day, published, terms, assigned_by) "
            "VALUES (?, ?, ?, ?, ?, ?)", (article_id, story_id, day, published, json.dumps(terms), assigned_by))
        self._add_terms(story_id, terms, day)
        # The empty term counts tracked articles, for weighting the others.
        self._conn.executemany(
            "INSERT INTO term_counts (term, articles) VALUES (?, 1) "
            "ON CONFLICT (term) DO UPDATE SET articles = term_counts.articles + 1", [(t,) for t in ["", *terms]])
        self._conn.execute(
            "UPDATE stories SET article_count = article_count + 1, "
            "first_day = CASE WHEN first_day IS NULL OR :day < first_day THEN :day ELSE first_day END, "
            "last_day = CASE WHEN last_day IS NULL OR :day > last_day THEN :day ELSE last_day END, "
            "first_published = CASE WHEN first_published IS NULL OR :published < first_published "
            "  THEN :published ELSE first_published END, "
            "last_published = CASE WHEN last_published IS NULL OR :published > last_published "
            "  THEN :published ELSE last_published END, "
            # The earliest article with a title names the story.
            "title = CASE WHEN :title IS NOT NULL AND :title != '' AND (article_count = 0 OR title = '' "
            "  OR (:published IS NOT NULL AND :published < first_published)) THEN :title ELSE title END "
            "WHERE id = :story", {"day": day, "published": published, "title": title, "story": story_id})

    def _add_terms(self, story_id: str, terms: Sequence[str], day: int | None) -> None:
        self._conn.executemany(
            "INSERT INTO story_terms (term, story_id, articles, last_day) VALUES (?, ?, 1, ?) "
            "ON CONFLICT (term, story_id) DO UPDATE SET articles = story_terms.articles + 1, "
            "last_day = CASE WHEN excluded.last_day > story_terms.last_day OR story_terms.last_day IS NULL "
            "THEN excluded.last_day ELSE story_terms.last_day END",
            [(t, story_id, day) for t in terms])

    def save_proposition(self, proposition: PropositionRow) -> None:
        self._conn.execute(
            "INSERT INTO propositions (id, subject, predicate, object, label) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, predicate = excluded.predicate, "
            "object = excluded.object, label = excluded.label",
            (proposition.id, proposition.subject, proposition.predicate, proposition.object, proposition.label))
        if proposition.centroid is not None:
            self._conn.execute(
                "INSERT INTO claim_centres (proposition_id, centroid, label_fit) VALUES (?, ?, ?) "
                "ON CONFLICT (proposition_id) DO UPDATE SET centroid = excluded.centroid, label_fit = excluded.label_fit",
                (proposition.id, proposition.centroid, proposition.label_fit))
        if proposition.label_vector is not None:
            self._conn.execute(
                "INSERT INTO claim_labels (proposition_id, vector, penalty) VALUES (?, ?, ?) "
                "ON CONFLICT (proposition_id) DO UPDATE SET vector = excluded.vector, penalty = excluded.penalty",
                (proposition.id, proposition.label_vector, proposition.label_penalty))

    def merge_claims(self, absorbed: str, kept: str) -> None:
        self._conn.execute("UPDATE tracked_statements SET proposition_id = ? WHERE proposition_id = ?", (kept, absorbed))
        self._conn.execute("DELETE FROM claim_centres WHERE proposition_id = ?", (absorbed,))
        self._conn.execute("DELETE FROM claim_labels WHERE proposition_id = ?", (absorbed,))
        self._conn.execute("UPDATE claim_merges SET kept = ? WHERE kept = ?", (kept, absorbed))
        self._conn.execute("INSERT INTO claim_merges (absorbed, kept) VALUES (?, ?) "
                           "ON CONFLICT (absorbed) DO UPDATE SET kept = excluded.kept", (absorbed, kept))

    def add_statements(self, statements: Iterable[TrackedStatement]) -> None:
        # mentioned is written empty: it was read only while statements waited for a claim to fit.
        self._conn.executemany(
            f"INSERT INTO tracked_statements ({_STATEMENT_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            f"ON CONFLICT (article_id, position) DO UPDATE SET {_replacing(_STATEMENT_COLUMNS)}",
            [(s.article_id, s.position, s.story_id, s.proposition_id, *e.claim.parts, s.location,
              "[]", e.date, e.outlet, e.source, e.source_actor, e.source_country, e.source_kind, e.stance, e.cue,
              e.sentence, e.origin, json.dumps(e.chain, ensure_ascii=False))
             for s in statements for e in (s.evidence,)])

    def story_propositions(self, story_id: str) -> list[PropositionRow]:
        rows = self._conn.execute(
            "SELECT p.id, p.subject, p.predicate, p.object, p.label, s.n, c.centroid, coalesce(c.label_fit, -1), "
            "l.vector, coalesce(l.penalty, 0) "
            "FROM (SELECT proposition_id, count(*) AS n FROM tracked_statements "
            " WHERE story_id = ? AND proposition_id IS NOT NULL GROUP BY proposition_id) AS s "
            "JOIN propositions p ON p.id = s.proposition_id LEFT JOIN claim_centres c ON c.proposition_id = p.id "
            "LEFT JOIN claim_labels l ON l.proposition_id = p.id ORDER BY s.n DESC, p.id", (story_id,)).fetchall()
        return [PropositionRow(*row) for row in rows]

    def get_proposition(self, proposition_id: str) -> PropositionRow | None:
        row = self._conn.execute(
            "SELECT id, subject, predicate, object, label, "
            "(SELECT count(*) FROM tracked_statements WHERE proposition_id = p.id) + "
            "(SELECT count(*) FROM named_claim_statements WHERE proposition_id = p.id), c.centroid, "
            "coalesce(c.label_fit, -1) FROM propositions p LEFT JOIN claim_centres c ON c.proposition_id = p.id "
            "WHERE id = coalesce((SELECT kept FROM claim_merges WHERE absorbed = :claim), :claim)",
            {"claim": proposition_id}).fetchone()
        return PropositionRow(*row) if row else None

    def add_figures(self, figures: Iterable[tuple[int, str | None, ReportedFigure]]) -> None:
        self._conn.executemany(
            f"INSERT INTO tracked_figures ({_TRACKED_FIGURE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            f"ON CONFLICT (article_id, position) DO UPDATE SET {_replacing(_TRACKED_FIGURE_COLUMNS)}",
            [(f.article_id, position, country, f.date, f.outlet, f.value, f.high, f.unit, f.subject, f.approx,
              f.text) for position, country, f in figures])

    def evidence_of(self, proposition_ids: Sequence[str], story_id: str | None = None) -> dict[str, list[Evidence]]:
        found: dict[str, list[Evidence]] = {claim: [] for claim in proposition_ids}
        columns = ", ".join("coalesce(n.stance, t.stance) AS stance" if c == "stance" else "t." + c
                            for c in _EVIDENCE_COLUMNS.split(", "))
        for claims in chunks(list(found)):
            members, params = _members(claims, story_id)
            # On one day, originals before their copies, then in the order they arrived; a named claim's
            # statements carry their stance toward it.
            rows = self._conn.execute(
                f"SELECT m.claim, {columns} FROM ({members}) m "
                "JOIN tracked_statements t ON t.article_id = m.article_id AND t.position = m.position "
                "JOIN articles a ON a.id = t.article_id "
                "LEFT JOIN named_claim_statements n ON n.proposition_id = m.claim AND n.article_id = t.article_id "
                f"AND n.position = t.position {'WHERE t.story_id = ?' if story_id is not None else ''} "
                "ORDER BY t.published IS NULL, t.published, a.duplicate_of IS NOT NULL, a.seq, t.position",
                [*params, *([story_id] if story_id is not None else [])]).fetchall()
            for row in rows:
                found[row["claim"]].append(evidence_from_row(row))
        return found

    def figures_of(self, countries: Mapping[str, Sequence[str]],
                   story_id: str | None = None) -> dict[str, list[ReportedFigure]]:
        found: dict[str, list[ReportedFigure]] = {claim: [] for claim in countries}
        for claims in chunks([claim for claim, wanted in countries.items() if wanted]):
            members, params = _members(claims, story_id)
            every = sorted({country for claim in claims for country in countries[claim]})
            rows = self._conn.execute(
                # A near-duplicate's figures are its original's, already counted.
                f"SELECT x.claim, f.country, {', '.join('f.' + c for c in _FIGURE_COLUMNS.split(', '))} "
                "FROM tracked_figures f JOIN (SELECT DISTINCT m.claim, t.article_id FROM "
                f"({members}) m JOIN tracked_statements t ON t.article_id = m.article_id AND t.position = m.position "
                "JOIN articles a ON a.id = t.article_id WHERE a.duplicate_of IS NULL"
                f"{' AND t.story_id = ?' if story_id is not None else ''}) x ON x.article_id = f.article_id "
                f"WHERE f.country IN ({_marks(every)}) "
                "ORDER BY f.published IS NULL, f.published, f.article_id, f.position",
                [*params, *([story_id] if story_id is not None else []), *every]).fetchall()
            for claim, country, *figure in rows:
                if country in countries[claim]:
                    found[claim].append(ReportedFigure(*figure))
        return found

    def stories(self, *, limit: int | None = None) -> list[Story]:
        sql = ("SELECT id FROM stories WHERE merged_into IS NULL AND article_count > 0 "
               "ORDER BY last_day IS NULL, last_day DESC, article_count DESC, id")
        params: list[object] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [self._story(row[0]) for row in self._conn.execute(sql, params).fetchall()]

    def get_story(self, story_id: str) -> Story | None:
        live = self.resolve_story(story_id)
        return self._story(live) if live else None

    def _story(self, story_id: str) -> Story:
        head = self._conn.execute(
            "SELECT title, first_published, last_published FROM stories WHERE id = ?", (story_id,)).fetchone()
        members = self._conn.execute(
            "SELECT s.article_id, a.outlet FROM story_articles s JOIN articles a ON a.id = s.article_id "
            "WHERE s.story_id = ? ORDER BY s.published IS NULL, s.published, a.seq", (story_id,)).fetchall()
        outlets = Counter(outlet for _, outlet in members if outlet)
        return Story(story_id, head["title"], head["first_published"], head["last_published"],
                     [article_id for article_id, _ in members], [o for o, _ in outlets.most_common()])

    def duplicate_pairs(self, article_ids: Sequence[str] | None = None) -> list[tuple[str, str]]:
        if article_ids is None:
            return [tuple(r) for r in self._conn.execute(
                "SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL ORDER BY seq")]
        pairs = []
        for chunk in chunks(article_ids):
            pairs += [tuple(r) for r in self._conn.execute(
                f"SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL AND id IN ({_marks(chunk)}) "
                "ORDER BY seq", chunk)]
        return pairs

    def merge_stories(self, target: str, absorbed: str) -> None:
        ids = [row[0] for row in self._conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ?", (absorbed,))]
        self.move_articles(ids, target)
        self._conn.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (target, absorbed))
        self._conn.execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (target, absorbed))
        self._conn.execute("UPDATE named_claims SET story_id = ? WHERE story_id = ?", (target, absorbed))

    def move_articles(self, article_ids: Sequence[str], story_id: str) -> None:
        touched = {story_id}
        for article_id in article_ids:
            row = self._conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?",
                                     (article_id,)).fetchone()
            if row is not None:
                touched.add(row[0])
        self._conn.executemany(
            "UPDATE story_articles SET story_id = ?, assigned_by = 'user' WHERE article_id = ?",
            [(story_id, a) for a in article_ids])
        self._conn.executemany("UPDATE tracked_statements SET story_id = ? WHERE article_id = ?",
                               [(story_id, a) for a in article_ids])
        for touched_id in touched:
            self._rebuild_story(touched_id)

    def _rebuild_story(self, story_id: str) -> None:
        """Recount a story's profile, period and title from the articles it now holds."""
        rows = self._conn.execute(
            "SELECT s.day, s.published, s.terms, a.title FROM story_articles s JOIN articles a ON a.id = s.article_id "
            "WHERE s.story_id = ? ORDER BY s.published IS NULL, s.published, a.seq", (story_id,)).fetchall()
        self._conn.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
        counts: Counter[str] = Counter()
        last: dict[str, int | None] = {}
        for day, _, terms, _ in rows:
            for term in json.loads(terms):
                counts[term] += 1
                if day is not None and (last.get(term) is None or day > last[term]):
                    last[term] = day
                last.setdefault(term, day)
        self._conn.executemany(
            "INSERT INTO story_terms (term, story_id, articles, last_day) VALUES (?, ?, ?, ?)",
            [(term, story_id, n, last[term]) for term, n in counts.items()])
        days = [r[0] for r in rows if r[0] is not None]
        published = [r[1] for r in rows if r[1]]
        title = next((r[3] for r in rows if r[3]), "")
        self._conn.execute(
            "UPDATE stories SET article_count = ?, first_day = ?, last_day = ?, first_published = ?, "
            "last_published = ?, title = ? WHERE id = ?",
            (len(rows), min(days, default=None), max(days, default=None), min(published, default=None),
             max(published, default=None), title, story_id))

    def untracked_articles(self, limit: int) -> list[str]:
        return [row[0] for row in self._conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id "
            "WHERE s.article_id IS NULL ORDER BY a.published IS NULL, a.published, a.seq LIMIT ?", (limit,))]
