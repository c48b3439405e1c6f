import pytest

from periodic.schedule import Job, due, parse

PUBLISH = Job("periodic.jobs.publish_scheduled", 60)
CATCH_UP = Job("search.indexing.catch_up", 30)


@pytest.mark.parametrize(
    "last_started, now, expected",
    [
        ({}, 0, [PUBLISH, CATCH_UP]),  # a new holder runs everything at once
        ({PUBLISH.path: 100, CATCH_UP.path: 100}, 129.9, []),
        ({PUBLISH.path: 100, CATCH_UP.path: 100}, 130, [CATCH_UP]),
        ({PUBLISH.path: 100, CATCH_UP.path: 100}, 160, [PUBLISH, CATCH_UP]),
        ({CATCH_UP.path: 100}, 101, [PUBLISH]),
    ],
)
def test_due(last_started, now, expected):
    assert due([PUBLISH, CATCH_UP], last_started, now) == expected


def test_parse_reads_the_settings_shape():
    assert parse([("periodic.jobs.publish_scheduled", 60), ("search.indexing.catch_up", 2.5)]) == [
        PUBLISH,
        Job("search.indexing.catch_up", 2.5),
    ]


@pytest.mark.parametrize(
    "entry, message",
    [
        (("publish_scheduled", 60), "dotted path"),
        (("periodic.jobs.publish_scheduled", 0), "positive"),
        (("periodic.jobs.publish_scheduled", "60"), "positive"),
    ],
)
def test_parse_refuses_bad_entries(entry, message):
    with pytest.raises(ValueError, match=message):
        parse([entry])
