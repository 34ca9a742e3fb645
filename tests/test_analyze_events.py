"""Events: CAMEO codes with Goldstein values, actors, place and a date resolved against publication."""

import pytest

from tests.analysis_helpers import PIPELINES, analyse


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_attack_is_coded_with_actors_and_goldstein(pipeline):
    [event] = analyse("Russia attacked Ukraine with drones on Tuesday.", pipeline, published="2024-10-24").events
    assert (event.code, event.actor1, event.actor2, event.goldstein) == ("190", "RUS", "UKR", -10.0)
    assert event.name == "USE CONVENTIONAL MILITARY FORCE"


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_deployment_names_who_sends_and_where(pipeline):
    events = analyse("North Korea deployed troops to Russia.", pipeline).events
    assert [(e.code[:2], e.actor1, e.actor2) for e in events] == [("15", "PRK", "RUS")]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_reporting_verbs_make_statements_not_events(pipeline):
    assert analyse("Moscow said nothing about it.", pipeline).events == []


@pytest.mark.parametrize(("phrase", "published", "date"), [
    ("on Tuesday", "2024-10-24", "2024-10-22"),
    ("on Thursday", "2024-10-24", "2024-10-24"),
    ("yesterday", "2024-10-24", "2024-10-23"),
    ("last week", "2024-10-24", "2024-10-17"),
    ("on October 18", "2024-10-24", "2024-10-18"),
    ("in November", "2025-03-02", "2024-11"),
    ("on 5 November 2024", "2025-03-02", "2024-11-05"),
    ("", "2024-10-24", "2024-10-24"),
])
def test_event_date_is_resolved_against_the_publication_date(phrase, published, date):
    [event] = analyse(f"Russia attacked Ukraine {phrase}.", published=published).events
    assert event.date == date
