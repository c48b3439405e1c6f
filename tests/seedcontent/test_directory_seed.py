"""The committed directory of local governments (taxonomy/data): its counts
are the directory's own facts, so they are literal here, with the other seed
counts."""

import collections

from taxonomy.codes import check_digit
from taxonomy.localgov import is_northern_territory
from taxonomy.seed import read_directory


def test_the_committed_directory_counts_every_body():
    bodies = read_directory()
    counts = collections.Counter(body["kind"] for body in bodies)
    assert len(bodies) == 1788
    assert counts["prefecture"] == 47
    assert counts["designated_city"] == 20
    assert counts["special_ward"] == 23
    assert counts["village"] == 183
    # On 2018-04-01: 54 中核市, 32 施行時特例市; 那珂川市 was still 那珂川町.
    assert (counts["core_city"], counts["special_city"]) == (54, 32)
    assert counts["town"] == 743 + 1
    assert counts["city"] + counts["core_city"] + counts["special_city"] + counts["designated_city"] == 792 - 1
    assert all(body["lg_code"][5] == check_digit(body["lg_code"][:5]) for body in bodies)
    assert len({body["lg_code"] for body in bodies}) == 1788
    assert not [b for b in bodies if is_northern_territory(b["lg_code"][:5])]
