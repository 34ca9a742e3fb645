"""Server-side SVG charts: a proposition's timeline, its reported figures, and the story's actor network."""

from __future__ import annotations

import math
import re
import time
import xml.etree.ElementTree as ET

import pytest

from claimwatch.records import Evidence, PropositionKey, ReportedFigure, StatusChange, TrackedProposition
from claimwatch.web.charts import actor_edges, figures_svg, network_svg, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']


def statement(date="2024-10-18", stance="asserts", *, article_id="a1", source="NIS", outlet="Yonhap",
              source_actor=None, sentence="North Korea has sent troops to Russia."):
    return Evidence(article_id=article_id, date=date, outlet=outlet, source=source, source_actor=source_actor,
                    source_country="KOR", source_kind="intelligence_agency", stance=stance, cue="said",
                    sentence=sentence, origin=source or "", chain=[], claim=PropositionKey("PRKMIL", "deploy", "RUS"))


def change(date, status, sentence="They said so."):
    return StatusChange(date=date, status=status, article_id="a1", source="NIS", source_country="KOR",
                        stance="asserts", sentence=sentence)


def proposition(statements=(), changes=(), *, subject="PRKMIL", object="RUS", label="PRKMIL deploy RUS"):
    return TrackedProposition(id="p1", label=label, subject=subject, predicate="deploy", object=object,
                              status="reported", denied=False, status_changes=list(changes),
                              statements=list(statements), independent_sources=1, figures=[],
                              figure_summary={}, contradictions=[])


def figure(date="2024-10-18", value=10_000.0, high=None, unit="troops", *, outlet="Yonhap", text="10,000 troops"):
    return ReportedFigure(date=date, article_id="a1", outlet=outlet, value=value, high=high, unit=unit,
                          subject="PRKMIL", approx=None, text=text)


def parse(svg):
    return ET.fromstring(svg)


def dots(svg):
    return parse(svg).iter(f"{SVG}circle")


def classes(element):
    return element.get("class", "").split()


def every_chart(text="x"):
    """One of each chart, with the given text in every data field it shows."""
    hostile = statement(sentence=text, source=text, outlet=text, article_id=text)
    return [
        timeline_svg(proposition([hostile], [change("2024-10-20", "reported", text)], label=text)),
        figures_svg([figure(outlet=text, text=text, unit=text)]),
        network_svg({(text, "RUS"): 3}),
    ]


# --- the timeline --------------------------------------------------------------------

def test_timeline_has_a_dot_per_dated_statement_with_its_stance_class():
    stances = ["asserts", "confirms", "denies", "unverified", "speculates"]
    svg = timeline_svg(proposition([statement(f"2024-10-{10 + i}", s) for i, s in enumerate(stances)]))
    found = sorted(c for dot in dots(svg) for c in classes(dot) if c.startswith("stance-"))
    assert found == sorted(f"stance-{s}" for s in stances)


def test_timeline_leaves_out_undated_statements_and_says_how_many():
    svg = timeline_svg(proposition([statement("2024-10-18"), statement(None), statement(None)]))
    assert len(list(dots(svg))) == 1
    notes = [t.text for t in parse(svg).iter(f"{SVG}text") if "note" in classes(t)]
    assert notes == ["2 undated statements not shown"]


def test_a_month_only_date_counts_as_the_first_of_the_month():
    svg = timeline_svg(proposition([statement("2024-10"), statement("2024-10-01")]))
    assert {dot.get("cx") for dot in dots(svg)} == {next(dots(svg)).get("cx")}


def test_each_dot_links_to_its_article_with_the_id_url_quoted():
    svg = timeline_svg(proposition([statement(article_id="rss/a b?c")]))
    links = [a.get("href") for a in parse(svg).iter(f"{SVG}a")]
    assert links == ["/articles/rss%2Fa%20b%3Fc"]


def test_each_dot_has_a_title_with_date_source_outlet_and_stance():
    svg = timeline_svg(proposition([statement("2024-10-18", "denies", source="Kremlin", outlet="TASS",
                                              sentence="Moscow called it a fake.")]))
    title = next(dots(svg)).find(f"{SVG}title").text
    for part in ("2024-10-18", "Kremlin", "TASS", "denies"):
        assert part in title
    assert "fake" not in title  # the sentence is on the claim's page, not in every dot


def test_long_figure_texts_are_truncated_in_the_title():
    svg = figures_svg([figure(text="word " * 200)])
    title = ET.fromstring(svg).find(f".//{SVG}title").text
    assert len(title.split("\n", 1)[1]) <= 80 and title.endswith("…")


def test_status_changes_are_marked_with_a_line_and_a_label():
    svg = timeline_svg(proposition([statement("2024-10-18"), statement("2024-11-02", "confirms")],
                                   [change("2024-10-18", "reported"), change("2024-11-02", "confirmed")]))
    marks = [g for g in parse(svg).iter(f"{SVG}g") if "status-mark" in classes(g)]
    assert [classes(g)[1] for g in marks] == ["status-reported", "status-confirmed"]
    assert all(g.find(f"{SVG}line") is not None for g in marks)
    assert [g.find(f"{SVG}text").text for g in marks] == ["reported", "confirmed"]


def test_same_day_statements_do_not_overlap():
    svg = timeline_svg(proposition([statement("2024-10-18", s) for s in ["asserts", "denies"] * 5]))
    circles = [(float(c.get("cx")), float(c.get("cy")), float(c.get("r"))) for c in dots(svg)]
    for i, (x1, y1, r) in enumerate(circles):
        for x2, y2, _ in circles[i + 1:]:
            assert math.hypot(x1 - x2, y1 - y2) >= 2 * r


def test_statements_on_nearby_days_do_not_overlap_over_a_long_span():
    days = [f"2024-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 29, 3)]
    svg = timeline_svg(proposition([statement(day) for day in days]))
    circles = [(float(c.get("cx")), float(c.get("cy")), float(c.get("r"))) for c in dots(svg)]
    assert len(circles) == len(days)
    for i, (x1, y1, r) in enumerate(circles):
        assert all(math.hypot(x1 - x2, y1 - y2) >= 2 * r for x2, y2, _ in circles[i + 1:])


def test_axis_labels_days_for_a_short_span_and_months_for_a_long_one():
    def tick_labels(first, last):
        svg = timeline_svg(proposition([statement(first), statement(last)]))
        return [t.text for t in parse(svg).iter(f"{SVG}text") if "tick-label" in classes(t)]

    short = tick_labels("2024-10-18", "2024-10-25")
    assert "18 Oct" in short and 3 <= len(short) <= 9
    long = tick_labels("2024-01-05", "2024-12-20")
    assert "Mar 2024" in long and 3 <= len(long) <= 9


def test_a_timeline_with_nothing_dated_is_empty():
    assert timeline_svg(proposition([statement(None)])) == ""


def test_a_300_statement_timeline_renders_in_a_few_milliseconds():
    stances = ["asserts", "confirms", "denies", "unverified", "speculates"]
    items = [statement(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", stances[i % 5], article_id=f"a{i}")
             for i in range(300)]
    prop = proposition(items, [change("2024-02-01", "reported"), change("2024-06-01", "confirmed")])
    best = min(_timed(timeline_svg, prop) for _ in range(5))
    assert len(list(dots(timeline_svg(prop)))) == 300
    assert best < 0.010  # about 2 ms on a laptop; the margin keeps a busy CI quiet


def test_300_statements_on_one_day_stay_within_a_bounded_height():
    svg = timeline_svg(proposition([statement("2024-10-18") for _ in range(300)]))
    height = float(parse(svg).get("viewBox").split()[3])
    assert len(list(dots(svg))) == 300 and height < 400


def _timed(function, *args):
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


# --- figures -------------------------------------------------------------------------

def test_figures_use_a_log_scale_when_values_span_more_than_fifty_fold():
    svg = figures_svg([figure("2024-10-01", 10), figure("2024-10-02", 100), figure("2024-10-03", 1000)])
    assert parse(svg).get("data-scale") == "log"
    low, middle, high = (float(c.get("cy")) for c in dots(svg) if "point" in classes(c))
    assert middle == pytest.approx((low + high) / 2, abs=0.2)


def test_figures_use_a_linear_scale_for_a_narrow_range():
    svg = figures_svg([figure("2024-10-01", 10_000), figure("2024-10-02", 12_000), figure("2024-10-03", 11_000)])
    assert parse(svg).get("data-scale") == "linear"
    low, high, middle = (float(c.get("cy")) for c in dots(svg) if "point" in classes(c))
    assert middle == pytest.approx((low + high) / 2, abs=0.2)


def test_a_range_is_drawn_as_a_segment_from_value_to_high():
    svg = figures_svg([figure(value=10_000, high=12_000), figure("2024-11-01", 11_000)])
    ranges = [line for line in parse(svg).iter(f"{SVG}line") if "range" in classes(line)]
    assert len(ranges) == 1
    point = next(c for c in dots(svg) if "point" in classes(c) and c.get("cx") == ranges[0].get("x1"))
    assert ranges[0].get("y1") == point.get("cy")
    assert float(ranges[0].get("y2")) < float(ranges[0].get("y1"))


def test_each_unit_is_its_own_series_with_a_legend_entry():
    svg = figures_svg([figure(unit="troops"), figure("2024-11-01", unit="troops"),
                       figure("2024-11-02", 400, unit="drones")])
    series = {c for dot in dots(svg) if "point" in classes(dot) for c in classes(dot) if c.startswith("series-")}
    assert series == {"series-0", "series-1"}
    legend = [t.text for t in parse(svg).iter(f"{SVG}text") if "legend-label" in classes(t)]
    assert legend == ["troops", "drones"]


def test_each_figure_has_a_title_with_date_outlet_and_text():
    svg = figures_svg([figure(outlet="Reuters", text="up to 12,000 soldiers")])
    titles = [t.text for t in parse(svg).iter(f"{SVG}title")]
    assert any("2024-10-18" in t and "Reuters" in t and "up to 12,000 soldiers" in t for t in titles)


def test_figures_chart_is_empty_without_dated_figures():
    assert figures_svg([]) == ""
    assert figures_svg([figure(None)]) == ""


# --- the actor network ---------------------------------------------------------------

def test_a_proposition_links_subject_and_object_weighted_by_its_statements():
    prop = proposition([statement(), statement(), statement()], subject="RUS", object="PRKMIL")
    assert actor_edges([prop]) == {("PRKMIL", "RUS"): 3}


def test_a_statement_links_its_source_actor_to_the_subject():
    prop = proposition([statement(source_actor="KORSPY"), statement(source_actor="KORSPY"),
                        statement(source_actor="PRKMIL"), statement()], object=None)
    assert actor_edges([prop]) == {("KORSPY", "PRKMIL"): 2}


def test_edges_add_up_across_propositions():
    props = [proposition([statement(source_actor="UKRSPY")]), proposition([statement()])]
    assert actor_edges(props) == {("PRKMIL", "RUS"): 2, ("PRKMIL", "UKRSPY"): 1}


def test_the_network_keeps_only_the_heaviest_nodes():
    edges = {("A", "B"): 10, ("A", "C"): 5, ("C", "D"): 1, ("D", "E"): 1}
    svg = network_svg(edges, limit=3)
    labels = sorted(t.text for t in parse(svg).iter(f"{SVG}text"))
    assert labels == ["A", "B", "C"]
    assert len([line for line in parse(svg).iter(f"{SVG}line") if "edge" in classes(line)]) == 2


def test_heavier_edges_are_drawn_wider_and_heavier_nodes_larger():
    svg = network_svg({("A", "B"): 10, ("B", "C"): 1})
    widths = {line.find(f"{SVG}title").text: float(line.get("stroke-width")) for line in parse(svg).iter(f"{SVG}line")}
    assert widths["A – B: 10 statements"] > widths["B – C: 1 statement"]
    radius = {g.find(f"{SVG}text").text: float(g.find(f"{SVG}circle").get("r")) for g in parse(svg).iter(f"{SVG}g")}
    assert radius["B"] > radius["A"] > radius["C"]


def test_network_is_empty_without_edges():
    assert network_svg({}) == ""


# --- every chart ---------------------------------------------------------------------

@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_appears_only_escaped(text):
    for svg in every_chart(text):
        assert svg and text not in svg
        assert "<script" not in svg and "<img" not in svg
        assert text in "".join(parse(svg).itertext())  # shown as text, never read as markup


def test_no_chart_carries_inline_styles():
    for svg in every_chart():
        assert not re.search(r"\sstyle\s*=|<style", svg)


def test_every_chart_is_well_formed_xml_and_labelled_for_screen_readers():
    for svg, kind in zip(every_chart(), ["timeline", "figures", "network"], strict=True):
        root = parse(svg)
        assert root.tag == f"{SVG}svg"
        assert len(root.get("viewBox").split()) == 4
        assert root.get("role") == "img" and root.get("aria-label")
        assert root.get("class") == f"chart chart-{kind}"


def test_the_same_input_gives_the_same_markup():
    assert every_chart("same") == every_chart("same")


def test_status_labels_close_in_time_go_on_separate_rows():
    changes = [change("2024-10-08", "speculated"), change("2024-10-10", "denied"), change("2024-10-10", "reported"),
               change("2025-01-10", "confirmed")]
    svg = timeline_svg(proposition([statement("2024-10-08"), statement("2025-01-10")], changes))
    labels = [g.find(f"{SVG}text") for g in parse(svg).iter(f"{SVG}g") if "status-mark" in classes(g)]
    rows = [float(label.get("y")) for label in labels]
    assert len(set(rows[:3])) == 3  # the first three are within two days: no two share a row
    assert rows[3] == rows[0]  # three months later there is room on the first row again
