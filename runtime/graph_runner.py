"""Runs the model's graph nodes one after another, without dask's scheduler.

Why: every message runs the model's graph twice (the NLU pipeline, then the
dialogue policy), and Rasa's DaskGraphRunner hands each run to dask's
synchronous scheduler. A profile in issue 21 (bench/profile_request.py) put
that scheduling, and the schema pruning Rasa repeats on every run, at a few
milliseconds of every message: more than several NLU components together.
The graph is a small fixed chain, and `dask.get` runs it in the calling
thread anyway.

What stays the same: the same node objects are called with the same inputs
in an order that respects every dependency, each needed node once, in the
calling thread; an input replaces the node of the same name, as in
`DaskGraphRunner._add_inputs_to_graph`; and a RuntimeError still becomes a
GraphRunError. tests/e2e/test_graph_runner.py checks the results against
Rasa's runner on the trained model.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, FrozenSet, List, Optional, Text, Tuple

from rasa.core import processor
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


class SequentialGraphRunner(DaskGraphRunner):
    """DaskGraphRunner's nodes, run in dependency order by a plain loop."""

    def run(self, inputs: Optional[Dict[Text, Any]] = None, targets: Optional[List[Text]] = None) -> Dict[Text, Any]:
        inputs = inputs or {}
        for name, value in inputs.items():
            if isinstance(value, str) and value in self._graph_schema.nodes:
                raise GraphRunError(
                    f"Input value '{value}' clashes with a node name. Make sure that none of the input "
                    f"names passed to the `run` method are the same as node names in the graph schema."
                )
        run_targets = tuple(targets if targets else self._graph_schema.target_names)
        # An input is what a dask task of the same name would give: (name, value).
        results: Dict[Text, Any] = {name: (name, value) for name, value in inputs.items()}
        try:
            for name, parents in self._plan(run_targets, frozenset(inputs)):
                # A name that is neither a node nor an input reaches the node as
                # it is, as dask passes a string that is not one of its keys.
                results[name] = self._instantiated_nodes[name](*(results.get(p, p) for p in parents))
        except RuntimeError as error:
            raise GraphRunError("Error running runner.") from error
        return dict(results[target] for target in run_targets)

    def _plan(self, targets: Tuple[Text, ...], given: FrozenSet[Text]) -> Tuple[Tuple[Text, Tuple[Text, ...]], ...]:
        return _plan(self, targets, given)


@lru_cache(maxsize=64)
def _plan(runner: SequentialGraphRunner, targets: Tuple[Text, ...],
          given: FrozenSet[Text]) -> Tuple[Tuple[Text, Tuple[Text, ...]], ...]:
    """The nodes the targets need, each after its parents, with its parents'
    names in the order of its `needs`. Cached: the schema never changes."""
    nodes = runner._graph_schema.nodes
    order: List[Tuple[Text, Tuple[Text, ...]]] = []
    done = set(given)

    def visit(name: Text) -> None:
        if name in done or name not in nodes:
            return
        done.add(name)
        parents = tuple(nodes[name].needs.values())
        for parent in parents:
            visit(parent)
        order.append((name, parents))

    for target in targets:
        visit(target)
    return tuple(order)


def install() -> None:
    """Idempotent: the message processor loads its models with this runner."""
    setattr(processor, "DaskGraphRunner", SequentialGraphRunner)
