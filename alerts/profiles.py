"""Finder profiles as subscriptions: the profile is the finder's own query
string, read back through the finder's form, so a profile means what the
finder page shows for it."""

from django.http import QueryDict
from django.utils.http import urlencode

from supports.finder import UNKNOWN, FinderQuery, evaluate_program
from supports.forms import FinderForm

# Programs a profile hears about: everything the finder does not rule out.
# "Not judged" is kept, as on the finder page.
TOLD_STATUSES = ("eligible", "conditional", UNKNOWN)


def read_profile(params, data):
    """(FinderQuery or None, form, canonical query string); `data` is the
    finder's FinderData, loaded once by the caller."""
    if not isinstance(params, QueryDict):
        params = QueryDict(params)
    form = FinderForm(params, municipalities=data.municipalities, fields=data.fields, prerequisites=data.prerequisites)
    if not form.is_valid():
        return None, form, ""
    pairs = [
        (name, value) for name in form.fields for value in sorted(v.strip() for v in params.getlist(name) if v.strip())
    ]
    return FinderQuery.from_cleaned_data(form.cleaned_data), form, urlencode(pairs)


def describe(query):
    return (
        f"支援策の診断（{query.subject}"
        + (f"、{'・'.join(f.name for f in query.fields)}" if query.fields else "")
        + "）"
    )


def told_programs(query, programs, today):
    """{program pk: status label} for the programs this profile is told about."""
    told = {}
    for program in programs:
        if not query.wants(program, today):
            continue
        result = evaluate_program(program, query, today)
        if result.status in TOLD_STATUSES:
            told[program.pk] = result.status_label
    return told
