"""`make bench-versions` reports what it measured, as ratios of one run."""

from pathlib import Path

from bench import versions


def test_the_report_gives_each_round_the_means_and_the_ratios():
    figures = {"reference": [10.0, 12.0], "base abc": [20.0, 22.0], "this tree def": [24.0, 26.0],
               "base abc p50": [60.0, 70.0], "this tree def p50": [50.0, 60.0]}
    text = versions.report("abc", "def", figures)
    assert "| reference | 10.0, 12.0 | 11.0 | 1.00x |" in text
    assert "| this tree def | 24.0, 26.0 | 25.0 | 2.27x |" in text
    assert "This tree / base: **1.19x** throughput" in text and "base 65 ms, this tree 55 ms" in text


def test_a_base_with_the_same_config_serves_this_trees_model_and_another_config_is_told_apart():
    # HEAD's config is this tree's (the tree is committed); a revision that
    # has none is another config, whose base trains a model of its own.
    assert versions._model_for("HEAD", Path("/no/such/tree")) == versions.MODEL
    assert not versions._same_config("no-such-revision")
