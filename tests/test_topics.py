"""The /self-hosting/ and /moving/ renderers: pure functions over the records, tested on
the small synthetic data (and the real data where a property must hold for it)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from test_tables import Cells

from macros.records import Claim
from macros.render import moving, selfhosting, topics

SITE = "https://example.org/site/"


def test_the_glance_table_has_one_cell_per_tool_and_links_each_topic(small_data):
    html = selfhosting.glance(small_data)
    cells = Cells()
    cells.feed(html)
    assert cells.rows == [["th", "th", "th"], ["th", "td", "td"]]
    assert "#services" in cells.hrefs
    assert "Alpha server" in cells.text and "Beta server and workers" in cells.text


def test_each_side_shows_its_points_sources_and_limits(small_data):
    html = selfhosting.sections(small_data)
    assert html.count('class="sh-side"') == 2
    assert "Alpha runs one server." in html and "https://docs.alpha.example.org/server" in html
    assert "https://github.com/alpha-org/alpha/issues/1" in html
    assert "open when checked on" in html and "fixed in 1.2.3: no." in html
    # Beta has no limits, so no empty limits list is shown for it.
    assert html.count("sh-limits-title") == 1


def test_the_concept_map_has_one_table_per_direction(small_data):
    html = moving.concept_map(small_data)
    assert [d["anchor"] for d in moving.directions(small_data)] == ["alpha-to-beta", "beta-to-alpha"]
    assert html.count("<table") == 2
    assert 'id="unit-to-step"' in html and 'id="step-to-unit"' in html
    assert "Closest in Beta" in html and "Not quite the same because" in html


def test_text_from_the_data_comes_out_inert(small_data):
    topic = small_data.self_hosting[0]
    hostile = replace(topic, sides=((topic.sides[0][0], replace(topic.sides[0][1], points=(
        Claim(text="<script>x</script> {{ boom }} *b*", sources=("https://docs.alpha.example.org/x",),
              reviewed="2026-01-01"),))),) + topic.sides[1:])
    html = topics.sections(small_data, (hostile,))
    assert "<script>" not in html and "{{" not in html and "*b*" not in html
    assert "&lt;script&gt;" in html


def test_self_hosting_exports_carry_every_claim_and_limit(small_data):
    doc = json.loads(selfhosting.as_json(small_data, SITE))
    assert [(r["tool"], r["kind"]) for r in doc["rows"]] == [("alpha", "point"), ("alpha", "limit"), ("beta", "point")]
    assert doc["rows"][1]["issue"]["url"] == "https://github.com/alpha-org/alpha/issues/1"
    assert doc["rows"][0]["url"] == "https://example.org/site/self-hosting/#services"
    text = selfhosting.as_csv(small_data, SITE)
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["topic", "tool", "kind"] and len(rows) == 4
    assert rows[2][6:9] == ["https://github.com/alpha-org/alpha/issues/1", "open", "no"]


def test_moving_exports_carry_the_map_both_ways(small_data):
    doc = json.loads(moving.as_json(small_data, SITE))
    assert [(p["from_tool"], p["to_tool"]) for p in doc["concept_map"]] == [("alpha", "beta"), ("beta", "alpha")]
    assert doc["concept_map"][0]["url"] == "https://example.org/site/moving/#unit-to-step"
    rows = list(csv.reader(io.StringIO(moving.as_csv(small_data, SITE).lstrip("\ufeff"))))
    assert [r[0] for r in rows[1:]] == ["unit-to-step", "step-to-unit"]


def test_a_csv_cell_that_looks_like_a_formula_stays_text():
    assert topics.cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert topics.cell("plain") == "plain"


def test_real_concept_map_reads_both_ways(site_data):
    assert [d["anchor"] for d in moving.directions(site_data)] == ["dagster-to-prefect", "prefect-to-dagster"]
    for d in moving.directions(site_data):
        assert len(d["pairs"]) >= 8, d["anchor"]
