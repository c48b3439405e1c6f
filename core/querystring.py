"""Query strings for links that change one thing about the current list
(a filter chip, a facet value, a page of a calendar) and keep the rest.

Every link that changes what is listed drops `page`: page 7 of the old
selection means nothing in the new one."""

from django.utils.http import urlencode


def query_without(params, *names, value=None):
    """The query string without the named parameters; with `value`, only that
    one value of the (single) named parameter goes."""
    copy = params.copy()
    copy.pop("page", None)
    for name in names:
        if value is None:
            copy.pop(name, None)
        else:
            copy.setlist(name, [v for v in copy.getlist(name) if v != value])
    return copy.urlencode()


def query_toggling(params, name, value):
    """The query string with `value` of `name` added, or removed if chosen."""
    copy = params.copy()
    copy.pop("page", None)
    values = copy.getlist(name)
    copy.setlist(name, [v for v in values if v != value] if value in values else values + [value])
    return copy.urlencode()


def query_with(params, **values):
    """The query string with each named parameter set to one value."""
    copy = params.copy()
    for name, value in values.items():
        copy[name] = value
    return copy.urlencode()


def url_with_query(url, query):
    """`url` with the query string (already encoded, or (name, value) pairs)
    appended when there is one."""
    if not isinstance(query, str):
        query = urlencode(list(query))
    return f"{url}?{query}" if query else url
