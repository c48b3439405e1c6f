"""One URL of every public page type, from the seeded content."""

from awards.models import Award
from cases.models import CaseStudyPage
from events.models import Seminar, SeminarStatus
from regions.models import RegionBlockPage
from supports.models import SupportProgramPage
from taxonomy.models import Municipality


def page_type_urls():
    case = CaseStudyPage.objects.live().public().order_by("path").first()
    model_case = CaseStudyPage.objects.live().public().filter(adopters__live=True).order_by("path").first()
    program = SupportProgramPage.objects.live().public().order_by("path").first()
    seminar = Seminar.objects.public().order_by("pk").first()
    award = Award.objects.public().order_by("pk").first()
    member = (
        Municipality.objects.select_related("prefecture__block")
        .filter(network_memberships__isnull=False)
        .order_by("pk")
        .first()
    )
    block = RegionBlockPage.objects.live().get(block=member.prefecture.block)
    moved = (
        Municipality.objects.select_related("prefecture__block")
        .filter(kind_changes__isnull=False)
        .order_by("pk")
        .first()
    )
    return {
        "home": "/",
        "case_list": "/cases/",
        "case_list_field": "/cases/?field=health",
        "case": case.url,
        "model_case": model_case.url,
        "support_list": "/supports/",
        "program": program.url,
        "finder": "/supports/finder/",
        "seminars": "/seminars/",
        "seminar_month": f"/seminars/{seminar.start_date:%Y/%m}/",
        "seminar": seminar.url,
        "awards": "/awards/",
        "award": award.url,
        "search": "/search/",
        "search_query": "/search/?q=IoT",
        "opendata": "/opendata/",
        "regions": "/regions/",
        "region_block": block.url,
        "prefecture": block.prefecture_url(member.prefecture),
        "municipality": block.municipality_url(member),
        "municipality_kind_moves": RegionBlockPage.objects.live()
        .get(block=moved.prefecture.block)
        .municipality_url(moved),
        "network": "/regions/chiiki-iot-kanmin-net/",
        "roadmap": "/roadmap/",
        "opendata_guide": "/opendata-guide/",
    }


def cancelled_seminar():
    return Seminar.objects.public().filter(status=SeminarStatus.CANCELLED).first()
