"""The store's SQL, written once with SQLite's parameter marks, as psycopg is handed it."""

from __future__ import annotations

from claimwatch.store.postgres_connection import psycopg_sql, redacted


def test_question_marks_become_positional_parameters():
    assert psycopg_sql("SELECT id FROM articles WHERE id = ? AND day > ?") == \
        "SELECT id FROM articles WHERE id = %s AND day > %s"


def test_named_parameters_become_psycopgs_named_parameters():
    assert psycopg_sql("WHERE proposition_id = :claim AND t.story_id = :story") == \
        "WHERE proposition_id = %(claim)s AND t.story_id = %(story)s"


def test_quoted_text_casts_and_percent_signs_are_kept_as_written():
    assert psycopg_sql("SELECT '?' || ':x', a::jsonb, 5 % 2 FROM t WHERE b = ?") == \
        "SELECT '?' || ':x', a::jsonb, 5 %% 2 FROM t WHERE b = %s"


def test_a_url_shown_in_a_message_hides_its_password():
    assert redacted("postgresql://analyst:s3cret@db.example.org:5432/news") == \
        "postgresql://analyst:***@db.example.org:5432/news"
    assert redacted("postgresql://db.example.org/news") == "postgresql://db.example.org/news"
