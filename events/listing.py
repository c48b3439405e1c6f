"""The filters every seminar view shares (the list, the month calendar and
the iCalendar and Atom feeds), read from the query string.

seminar_kind, field, block and prefecture take several values each (OR
within one, AND across) and are named like the site search's facets; year
and month narrow to a period. A value that names nothing is a 400 that says
which one: a calendar subscription that silently widened to every seminar
would mislead its subscribers.

The calendar filters Seminar rows rather than asking the search layer, so
its options carry no counts: the month grid, the iCalendar and Atom feeds
need the seminars themselves, and a month or year selects the seminars that
*overlap* it (a multi-day seminar spans months), which no search facet
expresses; counts from the search would disagree with the list under a
period."""

from dataclasses import dataclass

from django.core.exceptions import BadRequest
from django.db.models import Prefetch

from core.listing import facet_selections
from core.querystring import query_without
from search.registry import facet
from taxonomy.models import Field, Prefecture, RegionBlock

from .calendar import FIRST_YEAR, LAST_YEAR, Month
from .models import Seminar, SeminarKind

# ?kind= on /search/ chooses the type of document; the seminar's own kind was
# ?kind= here before it took its facet's name. Calendar subscriptions and
# bookmarks still carry it, so it is read as seminar_kind.
OLD_NAMES = {"kind": "seminar_kind"}


@dataclass(frozen=True)
class KindOption:
    """A seminar kind in the shape the facet helpers and templates expect."""

    slug: str
    name: str

    def __str__(self):
        return self.name


@dataclass
class Filters:
    facets: dict
    period: Month | tuple | None = None  # a Month, a (first, last) year span, or None
    query: str = ""  # the query string without page, for links that keep the filters

    @property
    def chosen(self):
        return {name: group["selection"].values for name, group in self.facets["groups"].items()}


def kind_options():
    return [KindOption(value, label) for value, label in SeminarKind.choices]


def current_params(params):
    """`params` with the old parameter names replaced by the current ones."""
    if not any(old in params for old in OLD_NAMES):
        return params
    params = params.copy()
    for old, new in OLD_NAMES.items():
        params.setlist(new, params.getlist(new) + params.pop(old))
    return params


def read_filters(params, with_period=True):
    params = current_params(params)
    facets = facet_selections(
        params,
        {
            "seminar_kind": kind_options(),
            "field": list(Field.objects.all()),
            "block": list(RegionBlock.objects.all()),
            "prefecture": list(Prefecture.objects.all()),
        },
    )
    unknown = [
        f"{facet(name).label}「{value}」"
        for name, group in facets["groups"].items()
        for value in group["selection"].unknown
    ]
    if unknown:
        raise BadRequest(f"{'、'.join(unknown)}に当てはまるものがありません。一覧の絞り込みから選び直してください。")
    period = read_period(params) if with_period else None
    query = query_without(params)
    return Filters(facets=facets, period=period, query=query)


def _whole_number(text, message):
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        raise BadRequest(message)
    return int(text)


def read_year(text):
    year = _whole_number(text, "年（year）は2018のような4桁の数字で指定してください。")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BadRequest(f"年（year）は{FIRST_YEAR}から{LAST_YEAR}までで指定してください。")
    return year


def read_month(year, text):
    month = _whole_number(text, "月（month）は1から12までの数字で指定してください。")
    try:
        return Month(year, month)
    except ValueError:
        raise BadRequest("月（month）は1から12までの数字で指定してください。") from None


def read_period(params):
    """None, a Month (year and month given) or a whole year as a (first, last) pair."""
    year_text = params.get("year", "").strip()
    month_text = params.get("month", "").strip()
    if month_text and not year_text:
        raise BadRequest("月（month）を指定するときは、年（year）も指定してください。")
    if not year_text:
        return None
    year = read_year(year_text)
    if month_text:
        return read_month(year, month_text)
    return (Month(year, 1).first_day, Month(year, 12).last_day)


def filter_seminars(seminars, seminar_kind=(), field=(), block=(), prefecture=()):
    if seminar_kind:
        seminars = seminars.filter(kind__in=[k.slug for k in seminar_kind])
    if field:
        # A subquery rather than a join, so no seminar is counted twice.
        tagged = Seminar.fields.through.objects.filter(field__in=field).values("seminar_id")
        seminars = seminars.filter(pk__in=tagged)
    if block:
        seminars = seminars.filter(block__in=block)
    if prefecture:
        seminars = seminars.filter(prefecture__in=prefecture)
    return seminars


def public_seminars():
    """Published seminars with everything a list row shows, in a constant
    number of queries."""
    return (
        Seminar.objects.public()
        .with_last_date()
        .select_related("prefecture", "block")
        .prefetch_related(Prefetch("fields", queryset=Field.objects.order_by("sort_order", "pk")))
    )


def matching(filters):
    seminars = filter_seminars(public_seminars(), **filters.chosen)
    if isinstance(filters.period, Month):
        return seminars.overlapping(filters.period.first_day, filters.period.last_day)
    if filters.period:
        return seminars.overlapping(*filters.period)
    return seminars


def default_month(seminars, today):
    """This month while anything is still to come; otherwise the month of
    the latest seminar, so the calendar never opens on an empty page."""
    if seminars.upcoming(today).exists():
        return Month.of(today)
    latest = seminars.order_by("-start_date").values_list("start_date", flat=True).first()
    return Month.of(latest or today)


def neighbouring_months(seminars, month):
    """The nearest earlier and later months that have a seminar, for
    jumping over empty months."""
    earlier = seminars.filter(start_date__lt=month.first_day).order_by("-start_date")
    later = seminars.filter(start_date__gt=month.last_day).order_by("start_date")
    before = earlier.values_list("start_date", flat=True).first()
    after = later.values_list("start_date", flat=True).first()
    return (Month.of(before) if before else None, Month.of(after) if after else None)


def available_years():
    return [d.year for d in Seminar.objects.public().dates("start_date", "year", order="DESC")]
