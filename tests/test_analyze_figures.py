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
    ("About three thousand soldiers marched.", (3000, None, "troops", None, "around")),
    ("The army fired 1.5 million shells.", (1500000, None, "shells", None, None)),
    ("At least 300 North Korean soldiers crossed.", (300, None, "troops", "PRKMIL", "at least")),
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


def counts(text, pipeline):
    return sorted((f.value, f.unit) for f in analyse(text, pipeline).figures)


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "low", "high"), [
    ("Officials said 10 to 12,000 soldiers had crossed.", 10000, 12000),
    ("Five or six hundred soldiers guarded the bridge.", 500, 600),
    ("Between 8 and 9 thousand troops are stationed there.", 8000, 9000),
    ("The navy fired 2 to 3 million shells.", 2000000, 3000000),
])
def test_a_magnitude_written_once_belongs_to_both_ends_of_a_range(pipeline, sentence, low, high):
    assert (low, high) in [(f.value, f.high) for f in analyse(sentence, pipeline).figures]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("sentence", [
    "Between 8,000 and 9,000 troops are stationed there.",
    "The camp holds 8,000–9,000 troops.",
    "The camp holds 8–9,000 troops.",
])
def test_the_upper_end_of_a_range_is_a_figure_too(pipeline, sentence):
    assert counts(sentence, pipeline) == [(8000, "troops"), (9000, "troops")]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "value"), [
    ("Twelve thousand soldiers marched into the city.", 12000),
    ("Five hundred soldiers guarded the bridge.", 500),
    ("The alliance keeps 1.5 million soldiers under arms.", 1500000),
    ("Twenty-five thousand reservists were called up.", 25000),
    ("Two dozen soldiers guarded the gate.", 24),
])
def test_numbers_written_in_words_or_decimals_have_their_value(pipeline, sentence, value):
    assert counts(sentence, pipeline) == [(value, "troops")]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "approx"), [
    ("Nearly 900 troops left the base.", "around"),
    ("More than 2,000 soldiers have been deployed.", "more than"),
    ("Just over 2,000 soldiers have been deployed.", "more than"),
    ("The unit sent up to 800 soldiers.", "up to"),
    ("North of 10,000 troops are now in the region.", "more than"),
])
def test_words_before_a_number_say_how_exact_it_is(pipeline, sentence, approx):
    assert [f.approx for f in analyse(sentence, pipeline).figures] == [approx]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("sentence", [
    "Several thousand soldiers arrived last week.",
    "Thousands of troops arrived last week.",
    "A few hundred soldiers stayed behind.",
    "Tens of thousands of soldiers marched.",
])
def test_an_amount_without_a_number_is_no_figure(pipeline, sentence):
    assert analyse(sentence, pipeline).figures == []


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "value"), [
    ("The deployment included 500 officers.", 500),
    ("Among them were 1,500 special forces.", 1500),
    ("The force includes 40 military engineers.", 40),
    ("The army has trained 200 drone operators.", 200),
])
def test_a_part_of_a_force_counts_troops(pipeline, sentence, value):
    assert counts(sentence, pipeline) == [(value, "troops")]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("sentence", [
    "Around 1,000 police officers were on duty.",
    "The city faced 20 drone attacks overnight.",
    "The gunners fired 155mm shells all night.",
])
def test_a_unit_word_that_names_something_else_counts_nothing(pipeline, sentence):
    assert not {unit for _, unit in counts(sentence, pipeline)} & {"troops", "drones", "shells"}


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "value"), [
    ("A 4,000-strong contingent crossed the river.", 4000),
    ("The general commands a brigade of 2,500.", 2500),
    ("They formed a force of some 10,000 men.", 10000),
    ("The troops, numbering about 11,000, crossed at night.", 11000),
    ("The number of troops at the base is estimated at 7,000.", 7000),
    ("The brigade, some 3,000 strong, moved to the front.", 3000),
])
def test_a_force_named_before_its_size_counts_troops(pipeline, sentence, value):
    assert counts(sentence, pipeline) == [(value, "troops")]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "expected"), [
    ("Some 3,000 more troops arrived, bringing the total to 11,000.", [(3000, "troops"), (11000, "troops")]),
    ("Some 7,000 troops came by train, followed by another 4,000.", [(4000, "troops"), (7000, "troops")]),
])
def test_a_total_or_an_added_count_takes_the_unit_named_before_it(pipeline, sentence, expected):
    assert counts(sentence, pipeline) == expected


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_count_whose_unit_is_named_later_in_the_sentence_takes_it(pipeline):
    sentence = "The republic has sent 3,000 to the eastern port, where the soldiers will train."
    assert counts(sentence, pipeline) == [(3000, "troops")]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("sentence", [
    "The republic has sent 3,000 to the eastern port.",
    "The vote was 12 to 3, and the soldiers watched.",
    "The soldier, 25, was sent home.",
    "The old Boeing 727 went missing.",
    "Families of the 57 missing students gathered.",
])
def test_a_bare_number_without_a_unit_is_no_figure(pipeline, sentence):
    assert analyse(sentence, pipeline).figures == []


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize(("sentence", "expected"), [
    ("At least 300 soldiers were killed.", [(300, "killed")]),
    ("About three thousand soldiers were wounded.", [(3000, "wounded")]),
    ("The rebels killed 40 soldiers in the raid.", [(40, "killed")]),
    ("About 200 soldiers have died in the fighting.", [(200, "killed")]),
    ("Some 70 soldiers are reported missing.", [(70, "missing")]),
    ("Of the 11,000 soldiers sent, 3,000 were killed or wounded.", [(3000, "casualties"), (11000, "troops")]),
    ("The number of soldiers killed has risen to 90.", [(90, "killed")]),
    ("Nine people were killed in the blast.", [(9, "killed")]),
])
def test_people_killed_wounded_or_missing_are_casualties_not_a_deployment(pipeline, sentence, expected):
    assert counts(sentence, pipeline) == expected


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("sentence", [
    "The survey asked 2,000 people about the war.",
    "Four officers stood at the door of the court.",
])
def test_people_who_are_neither_troops_nor_casualties_count_no_troops(pipeline, sentence):
    assert not {unit for _, unit in counts(sentence, pipeline)} & {"troops", "killed", "wounded", "casualties"}


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_count_of_which_takes_the_unit_named_after_it(pipeline):
    sentence = "The crew shot down 12 drones, four of which were jet-powered drones."
    assert counts(sentence, pipeline) == [(4, "drones"), (12, "drones")]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_the_upper_end_of_a_range_points_at_its_own_words(pipeline):
    text = "The camp holds 8,000 to 9,000 troops."
    upper = analyse(text, pipeline).figures[1]
    assert text[upper.start:upper.end] == upper.text == "9,000 troops"


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("sentence", [
    "A 12-year-old boy was hurt.",
    "The 45-year-old colonel was captured.",
    "In the winter of 2023 the soldiers moved.",
])
def test_a_year_or_an_age_is_not_a_count(pipeline, sentence):
    assert analyse(sentence, pipeline).figures == []


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_year_before_a_count_leaves_the_count(pipeline):
    assert counts("In 2023, 4,000 troops were deployed.", pipeline) == [(4000, "troops")]
