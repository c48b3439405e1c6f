"""The project's rule: a page makes the same number of SQL queries however
many items the site holds, so it stays as fast at 10,000 cases as at 100."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CaseMunicipality, CaseProgram
from supports.models import SupportProgramPage
from taxonomy.models import Field, Municipality
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

N = 5

PAGES = {
    "home": lambda case: "/",
    "case index": lambda case: "/cases/",
    "case index, 2 facets": lambda case: "/cases/?field=health&block=kyushu",
    "program index": lambda case: "/supports/",
    "case page": lambda case: case.url,
}


def grow(case, extra):
    """`extra` more cases, all inside the facets above, with several fields
    and regions each, and adopting `case`; and as many more regions and
    programs on `case` itself: every list the pages show gets longer."""
    fields = [Field.objects.get(slug="health"), *Field.objects.exclude(slug="health").order_by("pk")[:2]]
    regions = [
        Municipality.objects.filter(prefecture__block__slug="kyushu").first(),
        *Municipality.objects.order_by("pk")[:2],
    ]
    have = case.municipality_links.count()
    municipalities = Municipality.objects.exclude(case_links__page=case).order_by("pk")[:extra]
    programs = SupportProgramPage.objects.exclude(case_links__page=case).order_by("pk")[:extra]
    for order, (municipality, program) in enumerate(zip(municipalities, programs, strict=False), start=have):
        CaseFactory(fields=fields, municipalities=regions, model_case=case)
        CaseMunicipality.objects.create(page=case, municipality=municipality, sort_order=order)
        CaseProgram.objects.create(page=case, program=program, sort_order=order)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("page", PAGES)
def test_queries_per_page_do_not_depend_on_the_number_of_cases(client, page):
    case = CaseFactory(title="件数に依らないクエリ数の確認用の合成事例")
    url = PAGES[page](case)
    grow(case, N)
    client.get(url)  # warm caches that are per-process, not per-request (site root, content types)
    few = queries(client, url)
    grow(case, 2 * N)
    client.get(url)  # the search's facet index is read once per content version, like the first request's caches
    many = queries(client, url)
    assert len(many) == len(few), "\n".join(many)
