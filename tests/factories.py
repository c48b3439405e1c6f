"""Small page builders for tests that need more items than the seed has."""

import itertools

from cases.models import CaseIndexPage, CaseMunicipality, CaseStudyPage
from taxonomy.models import Field, Municipality

_counter = itertools.count(1)


def make_case(title=None, fields=(), municipalities=(), publish=True, **values):
    n = next(_counter)
    index = CaseIndexPage.objects.get()
    values = {"slug": f"synthetic-case-{n}", "summary": "テスト用に合成した事例です。", **values}
    case = CaseStudyPage(title=title or f"テスト用の合成事例{n}", **values)
    index.add_child(instance=case)
    case.fields.set(fields)
    case.municipality_links = [CaseMunicipality(municipality=m) for m in municipalities]
    revision = case.save_revision()
    if publish:
        revision.publish()
    else:
        case.unpublish()
    return CaseStudyPage.objects.get(pk=case.pk)


def make_cases(count, **kwargs):
    field = Field.objects.get(slug="health")
    municipality = Municipality.objects.select_related("prefecture").first()
    return [make_case(fields=[field], municipalities=[municipality], **kwargs) for _ in range(count)]
