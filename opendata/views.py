from urllib.parse import urljoin

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from . import licence
from .catalog import FORMATS, catalog
from .datasets import RowContext, csv_cell, dataset_by_slug, datasets, record
from .exports import csv_lines, json_chunks
from .openapi import openapi_document


def _dataset(slug):
    dataset = dataset_by_slug(slug)
    if dataset is None:
        raise Http404("お探しのデータセットは見つかりませんでした。一覧は /opendata/ にあります。")
    return dataset


def _modified():
    return {dataset.slug: dataset.modified() for dataset in datasets()}


def _example(dataset, context):
    """The first row, so every example in the dictionary is real data."""
    first = dataset.rows().first()
    return record(dataset, first, context) if first is not None else {}


@require_GET
def index(request):
    context = RowContext(request)
    modified = _modified()
    listed = []
    for dataset in datasets():
        example = _example(dataset, context)
        listed.append(
            {
                "dataset": dataset,
                "modified": modified[dataset.slug],
                "columns": [(column, csv_cell(example.get(column.key), column)[:80]) for column in dataset.columns],
            }
        )
    known = [value for value in modified.values() if value]
    return TemplateResponse(
        request,
        "opendata/index.html",
        {
            "datasets": listed,
            "last_updated": max(known) if known else None,
            "licence": licence,
            "formats": FORMATS,
            "seo_title": "オープンデータ",
            "seo_description": "事例・支援策・セミナー・表彰の受賞結果をCSV・JSONでダウンロードできます（CC BY 4.0）。",
            "seo_crumbs": [("ホーム", "/"), ("オープンデータ", request.path)],
        },
    )


def _download_name(dataset, suffix):
    return f'attachment; filename="{dataset.slug}{suffix}"'


@require_GET
def download_csv(request, slug, bom=True):
    dataset = _dataset(slug)
    response = StreamingHttpResponse(
        csv_lines(dataset, RowContext(request), bom=bom), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = _download_name(dataset, ".csv" if bom else "-utf8.csv")
    return response


@require_GET
def download_json(request, slug):
    dataset = _dataset(slug)
    response = StreamingHttpResponse(
        json_chunks(dataset, RowContext(request)), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = _download_name(dataset, ".json")
    return response


@require_GET
def catalog_jsonld(request):
    landing_page = request.build_absolute_uri(reverse("opendata"))
    document = catalog(datasets(), lambda path: urljoin(landing_page, path), landing_page, _modified())
    return JsonResponse(
        document, content_type="application/ld+json; charset=utf-8", json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def openapi_json(request):
    return JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False})
