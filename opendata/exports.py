"""Streaming a dataset as CSV or JSON: rows are read in chunks and written
as they come, so memory stays flat whatever the size of the table."""

import csv
import json

from .datasets import csv_cell, iter_rows, record

BOM = "\ufeff"


class _Echo:
    """A file-like object whose write hands the line back to csv.writer."""

    def write(self, value):
        return value


def csv_lines(dataset, context, bom):
    writer = csv.writer(_Echo())
    if bom:
        yield BOM
    yield writer.writerow([column.key for column in dataset.columns])
    for row in iter_rows(dataset):
        item = record(dataset, row, context)
        yield writer.writerow([csv_cell(item[column.key], column) for column in dataset.columns])


def json_chunks(dataset, context):
    yield "["
    separator = "\n"
    for row in iter_rows(dataset):
        yield separator + json.dumps(record(dataset, row, context), ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"
