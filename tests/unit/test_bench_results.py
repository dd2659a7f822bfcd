"""`make bench` rewrites its own figures in bench/results.md and keeps the
sections the cluster and overload benchmarks wrote."""

from bench import run


def test_a_new_run_keeps_the_other_benchmarks_sections(tmp_path, monkeypatch):
    results = tmp_path / "results.md"
    results.write_text("# Benchmark\nold figures\n\n## Cluster\ncluster figures\n\n## Overload\noverload figures\n")
    monkeypatch.setattr(run, "RESULTS", results)
    text = run.with_other_sections("# Benchmark\nnew figures\n")
    assert "new figures" in text and "old figures" not in text
    assert text.index("## Cluster") < text.index("## Overload") and "overload figures" in text


def test_a_first_run_is_the_whole_file(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "RESULTS", tmp_path / "results.md")
    assert run.with_other_sections("# Benchmark\nfigures\n") == "# Benchmark\nfigures\n"
