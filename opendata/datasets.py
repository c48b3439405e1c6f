"""The open datasets, described as data: each column's key, meaning, type
and how to read it from a row. The downloads, the data dictionary and the
DCAT catalogue all read these descriptions, so a column is added once."""

import json
from dataclasses import dataclass

from django.db.models import Max

LIST_SEPARATOR = ";"
JSON_TYPE = "JSON"
# Rows fetched per round trip; prefetches run once per chunk, so a download
# holds at most this many rows in memory whatever the size of the table.
CHUNK_SIZE = 500


@dataclass(frozen=True)
class Column:
    key: str
    meaning: str
    type: str
    read: object  # row, context → value (str, int, bool, date, list or dict)


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    keywords: tuple
    columns: tuple
    rows: object  # () → iterable of model instances
    modified: object  # () → datetime or None


def iso(value):
    return value.isoformat() if value else None


def names(items):
    return [item.name for item in items]


def labels(row, attribute):
    return [item.name for item in getattr(row, attribute).all()]


_datasets = {}


def register(*datasets):
    """Content apps register their datasets from AppConfig.ready(); they are
    listed in registration (INSTALLED_APPS) order."""
    for dataset in datasets:
        _datasets[dataset.slug] = dataset


def datasets():
    return tuple(_datasets.values())


def dataset_by_slug(slug):
    return _datasets.get(slug)


def rows_modified(queryset):
    """When anything in `queryset` was last published."""
    return queryset.aggregate(last=Max("last_published_at"))["last"]


class RowContext:
    """What column readers need besides the row: absolute URLs, and the
    address of the page that shows routed items (a seminar's calendar),
    looked up once per download."""

    def __init__(self, request):
        self.request = request
        self._routing_urls = {}

    def page_url(self, page):
        return self.absolute(page.get_url(self.request))

    def routed_url(self, item):
        """The URL of an item a routing page shows (core.pages.RoutedSnippetMixin)."""
        model = type(item)
        if model not in self._routing_urls:
            page = model.routing_page()
            self._routing_urls[model] = page.get_url(self.request) if page else None
        base = self._routing_urls[model]
        return self.absolute(item.path_under(base)) if base else None

    def absolute(self, path):
        return self.request.build_absolute_uri(path) if path else None


def record(dataset, row, context):
    """One row as a dict of JSON values."""
    return {column.key: column.read(row, context) for column in dataset.columns}


def csv_cell(value, column):
    if column.type == JSON_TYPE:
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def iter_rows(dataset):
    return dataset.rows().iterator(chunk_size=CHUNK_SIZE)
