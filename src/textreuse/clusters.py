"""Reprint clusters: documents that share the same passage, grouped with union-find.

A scan finds passage pairs between two documents at a time; a passage reprinted
in ten papers shows as up to 45 pairs. Clustering joins them into one group per
shared passage, with its earliest member where dates are known.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from textreuse.dates import which_came_first
from textreuse.model import PassagePair


class UnionFind:
    """Disjoint sets over ``0 .. size-1``, with path halving; the root of a set is its
    smallest member, so the grouping does not depend on the order of the unions.

    >>> sets = UnionFind(5)
    >>> sets.union(3, 4); sets.union(4, 1)
    >>> [sets.root(k) for k in range(5)]
    [0, 1, 2, 1, 1]
    """

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def root(self, node: int) -> int:
        """The representative of ``node``'s set."""
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: int, b: int) -> None:
        """Join the sets of ``a`` and ``b``."""
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        """Every set's members in ascending order, sets in order of their root."""
        members: dict[int, list[int]] = defaultdict(list)
        for node in range(len(self._parent)):
            members[self.root(node)].append(node)
        return list(members.values())


@dataclass(frozen=True, slots=True)
class ClusterMember:
    """Where a clustered passage sits in one document."""

    id: str
    start: int
    end: int
    date: str | None


@dataclass(frozen=True, slots=True)
class Cluster:
    """Documents that share the same passage (a reprint cluster)."""

    cluster: int
    members: tuple[ClusterMember, ...]
    earliest: str | None

    @property
    def documents(self) -> int:
        """How many distinct documents hold the passage."""
        return len({member.id for member in self.members})

    def to_dict(self) -> dict[str, object]:
        """The cluster as JSON-ready values."""
        return {
            "cluster": self.cluster,
            "documents": self.documents,
            "earliest": self.earliest,
            "members": [asdict(member) for member in self.members],
        }


Place = tuple[str, int, int]
"""A passage's place: document id, start, end."""


def reprint_clusters(
    pairs: Iterable[PassagePair], dates: dict[str, str | None], *, min_overlap: float = 0.5
) -> list[Cluster]:
    """Group passages into clusters of documents that share the same text.

    In each document, passage spans that overlap by at least ``min_overlap`` of the
    longer one are one region (the same passage, its edges as each pair found them;
    a whole-document duplicate does not swallow the passages inside it); regions
    joined by a passage pair are one cluster.
    Clusters come largest first, numbered from 1; ``earliest`` is the member with
    the earliest date (ties by id), or None when no member has a date.
    """
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    links: list[tuple[Place, Place]] = []
    for pair in pairs:
        a = (pair.a_id, pair.a_start, pair.a_end)
        b = (pair.b_id, pair.b_start, pair.b_end)
        spans[pair.a_id].append(a[1:])
        spans[pair.b_id].append(b[1:])
        links.append((a, b))
    regions, region_of = _regions(spans, min_overlap)
    sets = UnionFind(len(regions))
    for a, b in links:
        sets.union(region_of[a], region_of[b])
    clustered = [
        tuple(
            ClusterMember(id=doc, start=start, end=end, date=dates.get(doc))
            for doc, start, end in sorted(regions[n] for n in nodes)
        )
        for nodes in sets.groups()
    ]
    clustered.sort(key=lambda members: (-len({m.id for m in members}), members[0].id))
    return [
        Cluster(cluster=number, members=members, earliest=_earliest(members))
        for number, members in enumerate(clustered, 1)
    ]


def _regions(
    spans: dict[str, list[tuple[int, int]]], min_overlap: float
) -> tuple[list[Place], dict[Place, int]]:
    """Each document's passage spans merged into regions where they overlap enough, and
    the region each span belongs to."""
    region_of: dict[Place, int] = {}
    regions: list[Place] = []
    for document_id in sorted(spans):
        current: list[int] | None = None  # [start, end] of the region being grown
        for start, end in sorted(set(spans[document_id])):
            if current is not None and _overlap(current, start, end) >= min_overlap:
                current[1] = max(current[1], end)
                regions[-1] = (document_id, current[0], current[1])
            else:
                current = [start, end]
                regions.append((document_id, start, end))
            region_of[(document_id, start, end)] = len(regions) - 1
    return regions, region_of


def _overlap(region: Sequence[int], start: int, end: int) -> float:
    shared = min(region[1], end) - max(region[0], start)
    longer = max(region[1] - region[0], end - start)
    return shared / longer if longer > 0 else 0.0


def _earliest(members: Sequence[ClusterMember]) -> str | None:
    dated = [m for m in members if m.date]
    if not dated:
        return None
    best = dated[0]
    for member in dated[1:]:
        if which_came_first(member.date, best.date) == "source":
            best = member
    return best.id
