"""Builders for synthetic award editions (named as such) in tests."""

import itertools

from awards.models import Award, AwardResult

_counter = itertools.count(1)


def make_award(results=(), publish=True, **values):
    n = next(_counter)
    values = {"name": f"テスト用の合成表彰{n}", "slug": f"synthetic-award-{n}", "fiscal_year": 1990 + n, **values}
    award = Award(live=publish, **values)
    award.results = [AwardResult(sort_order=i, **row) for i, row in enumerate(results)]
    award.save()
    revision = award.save_revision()
    if publish:
        revision.publish()
    return Award.objects.get(pk=award.pk)


def result_rows(n, case=None, tier="encouragement"):
    return [{"tier": tier, "case_title": f"合成事例名{i}", "winners": f"合成団体{i}", "case": case} for i in range(n)]
