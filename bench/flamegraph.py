"""Flame graphs as PNG pictures, from py-spy's collapsed stacks (`--format raw`).

Each line of py-spy's raw output is one stack, outermost frame first, and
the number of samples that had it: ``a (file.py:3);b (file.py:9) 42``. Wider
boxes took more of the process's time; a box's children stand on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Tuple

# py-spy names a frame "function (path/to/module.py:line)"; the line is dropped
# so that one function is one box.
_FRAME = re.compile(r"^(?P<function>.*?) \((?P<path>[^()]*?)(?::\d+)?\)$")


@dataclass
class Node:
    name: str
    samples: int = 0
    children: Dict[str, "Node"] = field(default_factory=dict)

    def child(self, name: str) -> "Node":
        return self.children.setdefault(name, Node(name))


def frame_name(frame: str) -> str:
    """``handle_message (rasa/core/processor.py:151)`` -> ``processor.handle_message``."""
    found = _FRAME.match(frame.strip())
    if not found:
        return frame.strip()
    module = Path(found["path"]).stem
    return f"{module}.{found['function']}" if module else found["function"]


def parse(lines: Iterable[str]) -> Node:
    root = Node("all")
    for line in lines:
        stack, _, count = line.rstrip().rpartition(" ")
        if not stack or not count.isdigit():
            continue
        samples = int(count)
        root.samples += samples
        node = root
        for frame in stack.split(";"):
            node = node.child(frame_name(frame))
            node.samples += samples
    return root


def find(root: Node, name: str) -> int:
    """Samples under every box whose function is `name`, "module.function"
    (outermost ones only)."""
    if root.name == name:
        return root.samples
    return sum(find(child, name) for child in root.children.values())


@dataclass(frozen=True)
class Stage:
    """A part of the work, by the function that does it; its box and every
    box above it take its colour."""

    function: str  # "module.function", as frame_name gives it
    label: str
    colour: str


GREY = "#b0bec5"


def _boxes(node: Node, x: float, depth: int, total: int, colour: str, stages: Sequence[Stage],
           out: List[Tuple[float, float, int, str, str]]) -> None:
    colour = next((stage.colour for stage in stages if node.name == stage.function), colour)
    out.append((x, node.samples / total, depth, node.name, colour))
    for child in sorted(node.children.values(), key=lambda c: c.name):
        _boxes(child, x, depth + 1, total, colour, stages, out)
        x += child.samples / total


def draw(root: Node, picture: Path, title: str, stages: Sequence[Stage] = (), min_width: float = 0.004,
         max_depth: int = 48) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    boxes: List[Tuple[float, float, int, str, str]] = []
    if root.samples:
        _boxes(root, 0.0, 0, root.samples, GREY, stages, boxes)
    boxes = [b for b in boxes if b[1] >= min_width and b[2] <= max_depth]
    depth = max((b[2] for b in boxes), default=0) + 1
    figure, axes = plt.subplots(figsize=(16, max(4.0, 0.22 * depth + 1.6)))
    for x, width, level, name, colour in boxes:
        axes.add_patch(plt.Rectangle((x, level), width, 0.95, facecolor=colour, edgecolor="white", linewidth=0.3))
        if width > 0.05:
            label = name if len(name) * 0.0048 < width else name[: max(3, int(width / 0.0048)) - 1] + "…"
            axes.text(x + 0.002, level + 0.45, label, fontsize=6.5, va="center", clip_on=True)
    axes.set_xlim(0, 1)
    axes.set_ylim(0, depth)
    axes.set_yticks([])
    axes.set_xlabel(f"share of the process's {root.samples} samples (a box's width: its time and its callees')")
    if stages:
        axes.legend(handles=[Patch(color=stage.colour, label=stage.label) for stage in stages],
                    loc="upper right", fontsize=8)
    axes.set_title(title)
    figure.tight_layout()
    figure.savefig(picture, dpi=100)
    plt.close(figure)
