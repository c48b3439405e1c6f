"""One URL of every public page type, from the seeded content."""

from awards.models import Award
from cases.models import CaseStudyPage
from events.models import Seminar, SeminarStatus
from supports.models import SupportProgramPage


def page_type_urls():
    case = CaseStudyPage.objects.live().public().order_by("path").first()
    program = SupportProgramPage.objects.live().public().order_by("path").first()
    seminar = Seminar.objects.public().order_by("pk").first()
    award = Award.objects.public().order_by("pk").first()
    return {
        "home": "/",
        "case_list": "/cases/",
        "case_list_field": "/cases/?field=health",
        "case": case.url,
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
    }


def cancelled_seminar():
    return Seminar.objects.public().filter(status=SeminarStatus.CANCELLED).first()
