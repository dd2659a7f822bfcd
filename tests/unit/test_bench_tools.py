"""The benchmark's own tools: flame graphs from py-spy's stacks, the
conversation-length figures, and the sections of bench/results.md."""

from bench import flamegraph, length
from bench.sections import replace_section

RAW = [
    "<module> (runpy.py:1);handle_message (rasa/core/processor.py:151);parse_message (rasa/core/processor.py:702) 30",
    "<module> (runpy.py:1);handle_message (rasa/core/processor.py:151);save_tracker (rasa/core/processor.py:1089) 10",
    "<module> (runpy.py:1);handle_message (rasa/core/processor.py:160);parse_message (rasa/core/processor.py:710) 5",
    "not a stack line",
]


def test_stacks_are_counted_per_function_not_per_line():
    root = flamegraph.parse(RAW)
    assert root.samples == 45
    handle = root.children["runpy.<module>"].children["processor.handle_message"]
    assert handle.samples == 45 and handle.children["processor.parse_message"].samples == 35
    assert flamegraph.find(root, "processor.parse_message") == 35
    assert flamegraph.find(root, "processor.save_tracker") == 10
    assert flamegraph.find(root, "agent.parse_message") == 0


def test_a_flame_graph_is_drawn(tmp_path):
    picture = tmp_path / "flame.png"
    stages = (flamegraph.Stage("processor.parse_message", "NLU", "#2e7d32"),)
    flamegraph.draw(flamegraph.parse(RAW), picture, "test", stages)
    assert picture.read_bytes().startswith(b"\x89PNG")


def test_a_checkpoint_is_the_median_of_the_ten_turns_that_end_there():
    curve = length.Curve("ours", {turn: turn / 1000 for turn in range(1, 21)})
    assert curve.at(10) == 0.0055 and curve.at(20) == 0.0155
    assert curve.growth(20) == 0.0155 / 0.0055
    assert curve.at(21) is None and curve.at(5) is None


def test_a_checkpoint_after_a_fast_forward_uses_only_turns_that_were_sent():
    sent = {**{t: 0.05 for t in range(1, 31)}, **{t: 0.5 for t in range(991, 1001)}}
    curve = length.Curve("reference", sent)
    assert curve.at(1000) == 0.5 and curve.at(300) is None
    assert length._runs(sent) == [list(range(1, 31)), list(range(991, 1001))]


def test_a_benchmark_rewrites_only_its_own_section(tmp_path):
    results = tmp_path / "results.md"
    results.write_text("# Benchmark\nfigures\n\n## Cluster\nold\n\n## Overload\nkept\n")
    replace_section(results, "## Cluster", "## Cluster\nnew\n")
    text = results.read_text()
    assert "old" not in text and "new" in text and "kept" in text and text.startswith("# Benchmark")
    replace_section(results, "## Length", "## Length\nturns\n")
    assert results.read_text().endswith("## Length\nturns\n")
