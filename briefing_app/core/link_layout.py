"""Where each actor stands on the link chart: a deterministic, overlap-free layout.

Pure Python (no Qt), so it is tested and timed without a display. The chart
measures each node (its shape and its name label) and hands the boxes in;
this module returns one anchor point per node, such that:

- the same nodes and edges always give the same picture (ids are sorted, the
  only randomness is a `random.Random` with a fixed seed, and the number of
  iterations is fixed);
- connected actors sit near each other (Fruchterman–Reingold forces, with
  repulsion cut off beyond a few edge lengths through a grid so 200 actors
  stay well under a second);
- no two boxes overlap, and none comes closer than `gap` (a sweep pushes
  overlapping boxes apart; if some still touch after a bounded number of
  rounds the component is spread out until none do);
- each component is turned so that its longest extent runs across (screens
  are wider than tall);
- each connected component is laid out on its own and the components are
  packed in rows, largest first, with actors that have no link at all in a
  tidy grid at the end instead of flung to the edge.

A layout library (networkx, igraph, graphviz) would bring a heavy
dependency for this one picture and none of them removes label overlaps
out of the box, which is the part a reader notices.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Box", "layout_graph", "boxes_overlap"]

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Box:
    """A node's extent around its anchor: `left`/`top` are <= 0, `right`/`bottom` >= 0."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


def boxes_overlap(a: Point, box_a: Box, b: Point, box_b: Box, gap: float = 0.0) -> bool:
    """Whether two placed boxes come closer than `gap` (touching at exactly `gap` is fine)."""
    return (a[0] + box_a.left < b[0] + box_b.right + gap and b[0] + box_b.left < a[0] + box_a.right + gap
            and a[1] + box_a.top < b[1] + box_b.bottom + gap and b[1] + box_b.top < a[1] + box_a.bottom + gap)


def _components(ids: Sequence[str], adjacency: Mapping[str, set[str]]) -> list[list[str]]:
    seen: set[str] = set()
    out: list[list[str]] = []
    for start in ids:
        if start in seen:
            continue
        seen.add(start)
        comp, queue = [start], [start]
        while queue:
            node = queue.pop()
            for other in sorted(adjacency[node]):
                if other not in seen:
                    seen.add(other)
                    comp.append(other)
                    queue.append(other)
        out.append(sorted(comp))
    return out


def _forces(ids: list[str], adjacency: Mapping[str, set[str]], k: float, seed: int,
            max_iterations: int, budget: int) -> dict[str, list[float]]:
    """Fruchterman–Reingold with grid-limited repulsion and a linear cooling schedule.

    The number of iterations shrinks to what `budget` (pair visits) allows, so
    big graphs stay bounded; it depends only on the input, so the result stays
    deterministic.
    """
    n = len(ids)
    index = {name: i for i, name in enumerate(ids)}
    rnd = random.Random(seed)
    side = k * math.sqrt(n)
    xs = [rnd.uniform(0, side) for _ in ids]
    ys = [rnd.uniform(0, side) for _ in ids]
    edges = sorted({(index[a], index[b]) for a in ids for b in adjacency[a] if index[a] < index[b]})
    cell = 2.0 * k
    k2 = k * k
    t0 = side / 8.0
    iterations = max_iterations
    it = 0
    while it < iterations:
        temp = t0 * (1.0 - it / iterations) + k * 0.01
        dxs = [0.0] * n
        dys = [0.0] * n
        grid: dict[tuple[int, int], list[int]] = {}
        for i in range(n):
            grid.setdefault((int(xs[i] // cell), int(ys[i] // cell)), []).append(i)
        visits = 0
        for (gx, gy), members in grid.items():
            near = [o for dx in (-1, 0, 1) for dy in (-1, 0, 1) for o in grid.get((gx + dx, gy + dy), ())]
            visits += len(near) * len(members)
            for a in members:
                xa, ya = xs[a], ys[a]
                fx = fy = 0.0
                for b in near:
                    if b == a:
                        continue
                    dx, dy = xa - xs[b], ya - ys[b]
                    d2 = dx * dx + dy * dy
                    if d2 < 1e-6:  # coincident: a fixed nudge keeps it deterministic
                        dx, d2 = (0.1 if a < b else -0.1), 0.01
                    f = k2 / d2
                    fx += dx * f
                    fy += dy * f
                dxs[a] += fx
                dys[a] += fy
        # as the layout contracts the cells fill up: the plan shrinks to what the budget has left
        budget -= visits + 4 * len(edges)
        iterations = min(iterations, it + 1 + max(budget, 0) // max(visits + 4 * len(edges), 1))
        for a, b in edges:
            dx, dy = xs[a] - xs[b], ys[a] - ys[b]
            f = math.hypot(dx, dy) / k
            dxs[a] -= dx * f
            dys[a] -= dy * f
            dxs[b] += dx * f
            dys[b] += dy * f
        cx, cy = sum(xs) / n, sum(ys) / n
        for i in range(n):  # a weak pull to the middle keeps loosely tied parts from drifting off
            px = dxs[i] + (cx - xs[i]) * 0.02
            py = dys[i] + (cy - ys[i]) * 0.02
            length = math.hypot(px, py)
            if length > 0:
                step = min(length, temp) / length
                xs[i] += px * step
                ys[i] += py * step
        it += 1
    return {name: [xs[i], ys[i]] for i, name in enumerate(ids)}


def _lay_flat(ids: list[str], pos: dict[str, list[float]], aspect: float) -> None:
    """Turn a component so its longest extent runs across, and widen a round one towards `aspect`.

    Screens and pages are wider than tall; a round cloud fills them better
    stretched a little (at most by a third each way, so lengths stay near).
    """
    n = len(ids)
    cx = sum(pos[i][0] for i in ids) / n
    cy = sum(pos[i][1] for i in ids) / n
    sxx = sum((pos[i][0] - cx) ** 2 for i in ids)
    syy = sum((pos[i][1] - cy) ** 2 for i in ids)
    sxy = sum((pos[i][0] - cx) * (pos[i][1] - cy) for i in ids)
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)  # the principal axis
    cos, sin = math.cos(-angle), math.sin(-angle)
    for i in ids:
        x, y = pos[i][0] - cx, pos[i][1] - cy
        pos[i][0], pos[i][1] = cx + x * cos - y * sin, cy + x * sin + y * cos
    xs = [pos[i][0] for i in ids]
    ys = [pos[i][1] for i in ids]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    if n > 2 and h > 0 and w / h < aspect:
        f = min(math.sqrt(aspect * h / w), 4 / 3)
        for i in ids:
            pos[i][0] = cx + (pos[i][0] - cx) * f
            pos[i][1] = cy + (pos[i][1] - cy) / f


def _remove_overlaps(ids: list[str], pos: dict[str, list[float]], boxes: Mapping[str, Box], gap: float,
                     rounds: int = 60) -> None:
    """Push overlapping boxes apart along the axis of least overlap; spread out if any remain."""

    # boxes are filed by their top-left corner in cells as big as the biggest box, so two that
    # overlap are in the same or neighbouring cells
    cw = max(boxes[i].width for i in ids) + gap
    ch = max(boxes[i].height for i in ids) + gap
    rank = {name: n for n, name in enumerate(ids)}

    def overlapping_pairs() -> list[tuple[str, str]]:
        grid: dict[tuple[int, int], list[str]] = {}
        for i in ids:
            grid.setdefault((int((pos[i][0] + boxes[i].left) // cw), int((pos[i][1] + boxes[i].top) // ch)),
                            []).append(i)
        pairs: list[tuple[str, str]] = []
        for (gx, gy), members in sorted(grid.items()):
            near = [o for dx in (-1, 0, 1) for dy in (-1, 0, 1) for o in grid.get((gx + dx, gy + dy), ())]
            for a in members:
                pa, ba = (pos[a][0], pos[a][1]), boxes[a]
                for b in near:
                    if rank[a] < rank[b] and boxes_overlap(pa, ba, (pos[b][0], pos[b][1]), boxes[b], gap):
                        pairs.append((a, b))
        return pairs

    # first make room: a layout packed tighter than its boxes can lie is spread out in one go
    xs = [pos[i][0] for i in ids]
    ys = [pos[i][1] for i in ids]
    cx, cy = sum(xs) / len(ids), sum(ys) / len(ids)
    area = max(max(xs) - min(xs), cw) * max(max(ys) - min(ys), ch)
    needed = sum((boxes[i].width + gap) * (boxes[i].height + gap) for i in ids) * 2.0
    if area < needed:
        f = math.sqrt(needed / area)
        for i in ids:
            pos[i][0] = cx + (pos[i][0] - cx) * f
            pos[i][1] = cy + (pos[i][1] - cy) * f
    for _ in range(rounds):
        pairs = overlapping_pairs()
        if not pairs:
            return
        for a, b in pairs:
            pa, pb, ba, bb = pos[a], pos[b], boxes[a], boxes[b]
            # overlap along x and y, including the gap
            ox = min(pa[0] + ba.right, pb[0] + bb.right) - max(pa[0] + ba.left, pb[0] + bb.left) + gap
            oy = min(pa[1] + ba.bottom, pb[1] + bb.bottom) - max(pa[1] + ba.top, pb[1] + bb.top) + gap
            if ox <= 0 or oy <= 0:
                continue  # already resolved by an earlier push this round
            if ox < oy:
                sign = 1.0 if (pb[0] + (bb.left + bb.right) / 2) >= (pa[0] + (ba.left + ba.right) / 2) else -1.0
                if pa[0] == pb[0] and a > b:
                    sign = -sign
                pa[0] -= sign * ox / 2 + sign * 0.01
                pb[0] += sign * ox / 2 + sign * 0.01
            else:
                sign = 1.0 if (pb[1] + (bb.top + bb.bottom) / 2) >= (pa[1] + (ba.top + ba.bottom) / 2) else -1.0
                if pa[1] == pb[1] and a > b:
                    sign = -sign
                pa[1] -= sign * oy / 2 + sign * 0.01
                pb[1] += sign * oy / 2 + sign * 0.01
    # still touching: spread the component about its centre until nothing does (anchors are distinct)
    for _ in range(200):
        if not overlapping_pairs():
            return
        for i in ids:
            pos[i][0] = cx + (pos[i][0] - cx) * 1.1
            pos[i][1] = cy + (pos[i][1] - cy) * 1.1


def _bounds(ids: Iterable[str], pos: Mapping[str, Sequence[float]], boxes: Mapping[str, Box]
            ) -> tuple[float, float, float, float]:
    ids = list(ids)
    return (min(pos[i][0] + boxes[i].left for i in ids), min(pos[i][1] + boxes[i].top for i in ids),
            max(pos[i][0] + boxes[i].right for i in ids), max(pos[i][1] + boxes[i].bottom for i in ids))


def _grid(ids: list[str], boxes: Mapping[str, Box], gap: float, row_width: float) -> dict[str, list[float]]:
    """Unlinked actors in rows of equal cells (alphabetical by id)."""
    cell_w = max(boxes[i].width for i in ids) + gap + 1
    cell_h = max(boxes[i].height for i in ids) + gap + 1
    columns = max(1, min(len(ids), int(row_width // cell_w)))
    pos: dict[str, list[float]] = {}
    for n, i in enumerate(ids):
        row, col = divmod(n, columns)
        b = boxes[i]
        # centre each box in its cell
        pos[i] = [col * cell_w + (cell_w - gap - b.width) / 2 - b.left,
                  row * cell_h + (cell_h - gap - b.height) / 2 - b.top]
    return pos


def layout_graph(nodes: Iterable[str], edges: Iterable[tuple[str, str]], boxes: Mapping[str, Box], *,
                 edge_length: float | None = None, gap: float = 16.0, seed: int = 20231,
                 max_iterations: int = 300, aspect: float = 1.6) -> dict[str, Point]:
    """Anchor positions for `nodes` (ids); `edges` are (from, to) pairs, direction and repeats ignored.

    Edges naming an unknown node and self-loops do not pull anything. Dense
    graphs get longer edges (room for their labels). `aspect` is the width to
    height a component is widened towards. The result's bounding box starts
    near (0, 0).
    """
    ids = sorted(set(nodes))
    if not ids:
        return {}
    adjacency: dict[str, set[str]] = {i: set() for i in ids}
    for a, b in edges:
        if a != b and a in adjacency and b in adjacency:
            adjacency[a].add(b)
            adjacency[b].add(a)
    widths = sorted(boxes[i].width for i in ids)
    k = edge_length or max(80.0, widths[len(widths) // 2] * 1.6)
    links = sum(len(v) for v in adjacency.values()) / 2
    k *= min(1.6, max(1.0, math.sqrt(links / len(ids))))
    components = _components(ids, adjacency)
    linked = sorted((c for c in components if len(c) > 1), key=lambda c: (-len(c), c[0]))
    lonely = sorted(i for c in components if len(c) == 1 for i in c)
    placed: list[tuple[list[str], dict[str, list[float]]]] = []
    for comp in linked:
        # fewer iterations for big components bounds the work (about 2.5 million pair visits)
        pos = _forces(comp, adjacency, k, seed, min(max_iterations, 40 + 10 * len(comp)), budget=2_500_000)
        _lay_flat(comp, pos, aspect)
        _remove_overlaps(comp, pos, boxes, gap, rounds=max(10, min(60, 24_000 // len(comp))))
        placed.append((comp, pos))
    total_area = sum((boxes[i].width + gap) * (boxes[i].height + gap) for i in ids) * 3.0
    widest = max((_bounds(c, p, boxes)[2] - _bounds(c, p, boxes)[0] for c, p in placed), default=0.0)
    row_width = max(widest, math.sqrt(total_area) * 1.4, max(widths) + gap)
    if lonely:
        placed.append((lonely, _grid(lonely, boxes, gap, row_width)))
    # shelf packing: components in rows, biggest first (the grid of unlinked actors comes last)
    result: dict[str, Point] = {}
    x = y = shelf_h = 0.0
    margin = gap * 3
    for comp, pos in placed:
        x0, y0, x1, y1 = _bounds(comp, pos, boxes)
        w, h = x1 - x0, y1 - y0
        if x > 0 and x + w > row_width:
            x, y, shelf_h = 0.0, y + shelf_h + margin, 0.0
        for i in comp:
            result[i] = (pos[i][0] - x0 + x, pos[i][1] - y0 + y)
        x += w + margin
        shelf_h = max(shelf_h, h)
    return result
