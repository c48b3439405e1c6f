"""The database backend's facet index, held in each process: what
Elasticsearch's doc values are to its aggregations.

Every live search document is one bit, at its row id. For every facet value
a Python int is the bitset of the documents carrying it, so filtering is
`&` and `|`, and counting a value under a selection is
`(value & candidates).bit_count()`: a few microseconds for 100,000
documents, with no loop over them in Python and no SQL per facet. Why not a
(document, facet, value) table and GROUP BY: a broad query (地域, found in
most documents) has ~100,000 candidates with ~6 facet rows each, and the
disjunctive counts need one pass per selected facet besides; at the rate
SQLite groups rows that alone is several times the 100 ms a search may take.

The index is built from the rows once per content version (textindex.py: a
trigger gives the version row a new random value on every write that
changes what search sees; one read per search tells), and replaced whole.
A facet that depends on the day (募集中: a date window) is decided at
query time from the stored windows, once per day. Memory: one bitset of max(id) / 8 bytes per facet value and four
integer arrays of max(id) entries: 0.5 MiB at 10,000 documents with the
benchmark's 134 values (bench/search_bench.py prints it).

Orders: the bits are row ids; `newest` and `title` list the ids in the two
sort orders and `rank_*` give each id its place, so a page is read from a
bitset by walking the order (dense sets) or by sorting the set's few members
by rank (sparse sets)."""

import threading
from array import array
from dataclasses import dataclass, field

from . import registry

_BIT = bytes(1 << bit for bit in range(8))
_MEMBERS = tuple(tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256))
SPARSE = 2000  # below this many members, sorting them beats walking the whole order
MAX_CACHED_TERMS = 256  # at 100,000 documents, at most 3 MB of term bitsets


def bitset(ids, nbytes):
    """The bitset of an iterable of ids below nbytes * 8."""
    bits = bytearray(nbytes)
    for i in ids:
        bits[i >> 3] |= _BIT[i & 7]
    return int.from_bytes(bits, "little")


def members(mask):
    """The ids in a bitset, ascending."""
    found = []
    for index, byte in enumerate(mask.to_bytes((mask.bit_length() + 7) // 8, "little")):
        if byte:
            base = index << 3
            found.extend(base + bit for bit in _MEMBERS[byte])
    return found


def every(masks, start):
    for mask in masks:
        start &= mask
    return start


def published_ms(published_at):
    """Elasticsearch keeps milliseconds; so does the ordering here."""
    return int(published_at.timestamp() * 1000) if published_at else None


@dataclass
class FacetIndex:
    version: object
    nbytes: int
    live: int
    values: dict  # facet name -> {value: bitset}; date-window facets are not here (see windows)
    windows: list  # (id, stored facets) of the documents with dates of a date-window facet
    newest: array  # ids, newest first (missing dates last), then by key
    title: array  # ids by title, then key
    rank_newest: array
    rank_title: array
    _dated: dict = field(default_factory=dict, repr=False)  # facet name -> (day, {value: bitset})
    # (column, term's encoded alternatives) -> bitset of the rows holding it, for this
    # version: a popular term (地域) is read from the text index once, not per search.
    terms: dict = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, version, rows):
        """rows: (id, stored facets, key, title, published_at) of every live document."""
        rows = list(rows)
        size = max((row[0] for row in rows), default=0) + 1
        nbytes = (size + 7) // 8
        specs = registry.facets()
        stored = [spec for spec in specs if not spec.window]
        dates = [key for spec in specs if spec.window for key in spec.window]
        ids_by_value = {spec.name: {} for spec in stored}
        windows = []
        for pk, facets, *_ in rows:
            for spec in stored:
                for value in spec.stored_values(facets):
                    ids_by_value[spec.name].setdefault(value, []).append(pk)
            if any(facets.get(key) for key in dates):
                windows.append((pk, facets))
        newest = array("l", (row[0] for row in sorted(rows, key=_newest_key)))
        title = array("l", (row[0] for row in sorted(rows, key=lambda row: (row[3], row[2]))))
        return cls(
            version=version,
            nbytes=nbytes,
            live=bitset((row[0] for row in rows), nbytes),
            values={
                name: {v: bitset(ids, nbytes) for v, ids in by_value.items()} for name, by_value in ids_by_value.items()
            },
            windows=windows,
            newest=newest,
            title=title,
            rank_newest=_ranks(newest, size),
            rank_title=_ranks(title, size),
        )

    def bitset(self, ids):
        """A bitset of ids; an id newer than the index (written since it was
        built) widens it, and falls away at the first `& live`."""
        return bitset(ids, max(self.nbytes, (max(ids, default=0) >> 3) + 1))

    def remember(self, slot, mask):
        if len(self.terms) >= MAX_CACHED_TERMS:
            self.terms.pop(next(iter(self.terms), None), None)  # the oldest first
        self.terms[slot] = mask

    def value_masks(self, name, today):
        if name in self.values:
            return self.values[name]
        dated = next((spec for spec in registry.facets() if spec.name == name and spec.window), None)
        return self.dated_masks(dated, today) if dated else {}

    def dated_masks(self, spec, today):
        """A date-window facet's value bitsets for `today`, kept for the day."""
        day, masks = self._dated.get(spec.name, (None, None))
        if day != today:
            ids_by_value = {}
            for pk, facets in self.windows:
                for value in spec.stored_values(facets, today):
                    ids_by_value.setdefault(value, []).append(pk)
            masks = {value: bitset(ids, self.nbytes) for value, ids in ids_by_value.items()}
            self._dated[spec.name] = (today, masks)
        return masks

    def selection(self, name, wanted, today):
        """Documents carrying any of the wanted values (OR within a facet)."""
        masks = self.value_masks(name, today)
        mask = 0
        for value in wanted:
            mask |= masks.get(value, 0)
        return mask

    def facet_counts(self, candidates, selected, today):
        """Per facet, its values' counts and its total under every *other*
        selection (the disjunctive semantics of both backends)."""
        everything = every(selected.values(), candidates)
        counts, totals = {}, {}
        for spec in registry.facets():
            others = everything
            if spec.name in selected:
                others = every((mask for name, mask in selected.items() if name != spec.name), candidates)
            totals[spec.name] = others.bit_count()
            found = {}
            if others:
                for value, mask in self.value_masks(spec.name, today).items():
                    if count := (mask & others).bit_count():
                        found[value] = count
            counts[spec.name] = found
        return counts, totals

    def page(self, groups, order, start, count):
        """Ids `start` to `start + count` of the bitsets in `groups`, taken
        one group after the other, each in `order` ("newest" or "title")."""
        ranked, rank = getattr(self, order), getattr(self, f"rank_{order}")
        taken = []
        for mask in groups:
            size = mask.bit_count()
            if start >= size:
                start -= size
                continue
            wanted = count - len(taken)
            if size <= SPARSE:
                taken += sorted(members(mask), key=rank.__getitem__)[start : start + wanted]
            else:
                taken += _walk(mask.to_bytes(self.nbytes, "little"), ranked, start, wanted)
            start = 0
            if len(taken) >= count:
                break
        return taken


def _walk(bits, ranked, start, wanted):
    taken = []
    for i in ranked:
        if bits[i >> 3] >> (i & 7) & 1:
            if start:
                start -= 1
                continue
            taken.append(i)
            if len(taken) == wanted:
                break
    return taken


def _newest_key(row):
    ms = published_ms(row[4])
    return (ms is None, -(ms or 0), row[2])


def _ranks(order, size):
    rank = array("l", [0]) * size
    for place, pk in enumerate(order):
        rank[pk] = place
    return rank


def score_groups(found, title_masks):
    """`found` split by how many terms each document has in its title, most
    first: the relevance order's groups (each then newest first)."""
    by_count = [found]
    for mask in title_masks:
        by_count = [
            (by_count[j] & ~mask if j < len(by_count) else 0) | (by_count[j - 1] & mask if j else 0)
            for j in range(len(by_count) + 1)
        ]
    return [mask for mask in reversed(by_count) if mask]


_lock = threading.Lock()
_current = None


def current():
    """The index last built in this process, whatever its version (or None)."""
    return _current


def for_version(version, load_rows):
    """The index of this content version, built once per process and version;
    load_rows() reads the rows when it must be built."""
    global _current
    index = _current
    if index is not None and index.version == version:
        return index
    with _lock:
        if _current is None or _current.version != version:
            _current = FacetIndex.build(version, load_rows())
        return _current
