"""Figures: numbers with units, subjects, approximations and ranges; never dates, ages or ordinals."""

import pytest

from tests.analysis_helpers import PIPELINES, analyse


def figures(text, pipeline):
    return [(f.value, f.high, f.unit, f.subject, f.approx) for f in analyse(text, pipeline).figures]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "expected"), [
    ("Pyongyang sent up to 12,000 North Korean troops.", (12000, None, "troops", "PRKMIL", "up to")),
    ("Between 10,000 to 12,000 soldiers were sent.", (10000, 12000, "troops", None, None)),
    ("Russia has launched more than 400 Shahed drones.", (400, None, "drones", "RUS", "more than")),
    ("About three thousand soldiers were wounded.", (3000, None, "troops", None, "around")),
    ("The army fired 1.5 million shells.", (1500000, None, "shells", None, None)),
    ("At least 300 North Korean soldiers were killed.", (300, None, "troops", "PRKMIL", "at least")),
])
def test_figure_value_unit_subject_and_approximation(pipeline, sentence, expected):
    assert expected in figures(sentence, pipeline)


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("sentence", [
    "On 23 October 2024 the ministry spoke.",
    "The 25-year-old soldier was captured.",
    "It was the first time in 2023 that troops moved.",
    "The soldier, aged 26, was wounded.",
    "Prices rose 12 percent.",
])
def test_dates_ages_ordinals_and_percentages_are_not_figures(pipeline, sentence):
    assert figures(sentence, pipeline) == []


def test_figure_offsets_point_at_its_text():
    text = "Officials said some 1,500 special forces had left."
    [figure] = analyse(text).figures
    assert text[figure.start:figure.end] == figure.text == "some 1,500 special forces"


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("Russia bought 1,700 so-called Shahed explosive drones.", 1700, "drones"),
    ("Air defences downed nearly 500 Iranian-made drones.", 500, "drones"),
    ('Kyiv downed four Iranian-made "kamikaze" unmanned aerial vehicles.', 4, "drones"),
    ("Gunners were downing at least 10 of the unmanned aerial vehicles a day.", 10, "drones"),
])
def test_figures_through_compounds_quotes_and_partitives(pipeline, sentence, value, unit):
    assert [(f.value, f.unit) for f in analyse(sentence, pipeline).figures] == [(value, unit)]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("sentence", [
    "Iran will send several hundred UAVs.",
    "Russia received two types of drones.",
    "The strike hit 10 cities, destroying drones.",
    "At least one drone was found.",
])
def test_vague_amounts_and_counts_of_other_things_are_not_figures(pipeline, sentence):
    assert analyse(sentence, pipeline).figures == []
