"""The OpenAPI 3 description of the project's own JSON endpoints (search,
suggest, finder, the open-data exports and catalogue), built as a plain dict
so the test suite can hand it to schemathesis without HTTP. The Wagtail API
v2 describes itself through its own listing responses and is not repeated."""

from search.facets import FACETS

from .datasets import DATASETS
from .licence import LICENCE_URI

ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(name, description, schema=None, array=False):
    schema = schema or {"type": "string"}
    parameter = {"name": name, "in": "query", "required": False, "description": description}
    if array:
        parameter.update(schema={"type": "array", "items": schema}, style="form", explode=True)
    else:
        parameter["schema"] = schema
    return parameter


SEARCH_PARAMETERS = [
    _query("q", "キーワード"),
    *(_query(facet.name, f"{facet.label}（複数指定はOR）", array=True) for facet in FACETS),
    # Unknown values are not an error: they are dropped and listed in `ignored`.
    _query("sort", "並び順（relevance、newest、title。それ以外は ignored に記載して無視）"),
    _query("page", "ページ番号（1から）", {"type": "integer", "minimum": 1}),
]

SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
    "SearchResult": {
        "type": "object",
        "required": ["count", "page", "num_pages", "backend", "results", "facets", "ignored", "notice"],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "num_pages": {"type": "integer", "minimum": 0},
            "backend": {"type": "string", "enum": ["elasticsearch", "database"]},
            "notice": {"type": "string"},
            "ignored": {"type": "array", "items": {"type": "string"}},
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["kind", "title", "url"],
                    "properties": {
                        "kind": {"type": "string", "enum": ["case", "program", "seminar", "award"]},
                        "title": {"type": "string"},
                        "url": {"type": "string"},
                        "summary": {"type": "string"},
                        "fields": {"type": "array", "items": {"type": "string"}},
                        "prefectures": {"type": "array", "items": {"type": "string"}},
                        "year": {"type": ["integer", "null"]},
                        "highlight": {"type": "string"},
                        "promoted": {"type": "boolean"},
                    },
                },
            },
            "facets": {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["value", "label", "count", "selected"],
                        "properties": {
                            "value": {"type": "string"},
                            "label": {"type": "string"},
                            "count": {"type": "integer"},
                            "selected": {"type": "boolean"},
                        },
                    },
                },
            },
        },
    },
    "Suggestions": {
        "type": "object",
        "required": ["backend", "suggestions"],
        "properties": {
            "backend": {"type": "string"},
            "suggestions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["title", "url", "kind"],
                    "properties": {"title": {"type": "string"}, "url": {"type": "string"}, "kind": {"type": "string"}},
                },
            },
        },
    },
    "FinderResult": {
        "type": "object",
        "required": ["profile", "results", "errors"],
        "properties": {
            "profile": {"type": ["object", "null"]},
            "results": {"type": "array", "items": {"type": "object"}},
            "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        },
    },
    "Record": {"type": "object", "description": "1行。列は /opendata/ のデータ項目表のとおり。"},
}


def _export_paths():
    slugs = [dataset.slug for dataset in DATASETS]
    dataset_parameter = {
        "name": "dataset",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": slugs},
    }
    csv = {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}
    not_found = {"description": "そのようなデータセットはない（HTMLの案内ページ）", "content": {"text/html": {"schema": {"type": "string"}}}}
    return {
        "/opendata/{dataset}.json": {
            "get": {
                "operationId": "exportJson",
                "summary": "データセットをJSONで取得（CC BY 4.0）",
                "parameters": [dataset_parameter],
                "responses": {
                    "200": _json({"type": "array", "items": {"$ref": "#/components/schemas/Record"}}, "全行"),
                    "404": not_found,
                },
            }
        },
        "/opendata/{dataset}.csv": {
            "get": {
                "operationId": "exportCsv",
                "summary": "データセットをCSV（UTF-8、BOM付き）で取得",
                "parameters": [dataset_parameter],
                "responses": {"200": csv, "404": not_found},
            }
        },
        "/opendata/{dataset}-utf8.csv": {
            "get": {
                "operationId": "exportCsvPlain",
                "summary": "データセットをCSV（UTF-8、BOMなし）で取得",
                "parameters": [dataset_parameter],
                "responses": {"200": csv, "404": not_found},
            }
        },
        "/opendata/catalog.jsonld": {
            "get": {
                "operationId": "catalog",
                "summary": "DCATカタログ（JSON-LD）",
                "responses": {
                    "200": {
                        "description": "dcat:Catalog",
                        "content": {"application/ld+json": {"schema": {"type": "object", "required": ["@context", "@type"]}}},
                    }
                },
            }
        },
    }


def openapi_document(server_url="/"):
    export_paths = _export_paths()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ICT地域活性化ポータル API",
            "version": "1",
            "description": "事例・支援策の検索、支援策を探す機能、オープンデータのダウンロード。",
            "license": {"name": "CC BY 4.0（データ）", "url": LICENCE_URI},
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/search/": {
                "get": {
                    "operationId": "search",
                    "summary": "事例・支援策・セミナー・表彰の検索（ファセット付き）",
                    "parameters": SEARCH_PARAMETERS,
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/SearchResult"}, "検索結果"),
                        "400": _json(ERROR, "ページ番号などが不正"),
                        "404": _json(ERROR, "最後のページより後"),
                    },
                }
            },
            "/api/search/suggest": {
                "get": {
                    "operationId": "suggest",
                    "summary": "入力中のキーワードの候補",
                    "parameters": [_query("q", "入力中のキーワード")],
                    "responses": {"200": _json({"$ref": "#/components/schemas/Suggestions"}, "候補")},
                }
            },
            "/api/supports/finder/": {
                "get": {
                    "operationId": "finder",
                    "summary": "自治体の条件から使える支援策と金額を求める",
                    "parameters": [
                        _query("municipality", "市区町村の識別子"),
                        _query("applicant_kind", "申請者の種類"),
                        _query("fiscal_index", "財政力指数（例：0.45）"),
                        _query("small_municipality", "小規模市町村か（yes／no）"),
                        _query("cost", "事業費（例：3000万円）"),
                        _query("support_kind", "支援の種類", array=True),
                        _query("years", "対象年度"),
                    ],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/FinderResult"}, "結果"),
                        "400": _json({"$ref": "#/components/schemas/FinderResult"}, "入力に誤り（errors に理由）"),
                    },
                }
            },
            **export_paths,
        },
        "components": {"schemas": SCHEMAS},
    }
