"""Builders for synthetic seminars (titled as such) in tests that need
more, or other, seminars than the seed has."""

import datetime
import itertools

from events.models import Seminar

_counter = itertools.count(1)


def make_seminar(publish=True, fields=(), tags=(), **values):
    n = next(_counter)
    values = {
        "title": f"テスト用の合成セミナー{n}",
        "slug": f"synthetic-seminar-{n}",
        "start_date": datetime.date(2018, 2, 14),
        "kind": "seminar",
        **values,
    }
    seminar = Seminar(live=publish, **values)
    seminar.fields.set(fields)
    seminar.tags.set(list(tags))
    seminar.save()
    revision = seminar.save_revision()
    if publish:
        revision.publish()
    return Seminar.objects.get(pk=seminar.pk)


def make_seminars(count, **values):
    return [make_seminar(**values) for _ in range(count)]
