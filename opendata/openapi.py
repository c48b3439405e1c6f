"""The OpenAPI 3 description of the project's own JSON endpoints (search,
suggest, finder, the open-data exports and catalogue), built as a plain dict
so the test suite can hand it to schemathesis without HTTP. The Wagtail API
v2 describes itself through its own listing responses and is not repeated."""

from search.registry import facets

from .datasets import datasets
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


def search_parameters():
    return [
        _query("q", "キーワード"),
        *(_query(facet.name, f"{facet.label}（複数指定はOR）", array=True) for facet in facets()),
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
            "suggestion": {
                "type": ["string", "null"],
                "description": "「もしかして」: the closest spelling the content uses, when nothing was found",
            },
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
    "MunicipalityLookup": {
        "type": "object",
        "description": "入力された名称・よみ・地方公共団体コードに当てはまる団体（完全一致、前方一致、部分一致の順。最大10件）",
        "required": ["query", "total", "exact", "message", "results"],
        "properties": {
            "query": {"type": "string"},
            "total": {"type": "integer", "minimum": 0, "description": "当てはまる団体の数（表示しない分を含む）"},
            "exact": {"type": "integer", "minimum": 0, "description": "先頭から何件が完全一致か"},
            "message": {"type": "string", "description": "見つからない理由や入力の誤り（なければ空）"},
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "name", "label", "kana", "prefecture", "block", "kind", "kind_label"],
                    "properties": {
                        "code": {
                            "type": "string",
                            "pattern": "^[0-9]{6}$",
                            "description": "全国地方公共団体コード（6桁）",
                        },
                        "name": {"type": "string"},
                        "label": {"type": "string", "description": "都道府県名つきの名称"},
                        "kana": {"type": "string"},
                        "prefecture": {"type": "string"},
                        "block": {"type": "string"},
                        "kind": {"type": "string"},
                        "kind_label": {"type": "string", "description": "団体区分（2018年4月1日時点）"},
                    },
                },
            },
        },
    },
    "FundingPlan": {
        "type": "object",
        "description": "財源の組み方1つ。金額は円未満切り捨て、実質負担 = 地方負担 − 交付税措置。利子は含まない。",
        "required": [
            "route",
            "status",
            "best",
            "reason",
            "cost_yen",
            "subsidy_yen",
            "local_share_yen",
            "bond_yen",
            "cash_yen",
            "allocation_yen",
            "real_burden_yen",
            "real_burden_share",
        ],
        "properties": {
            "route": {"type": "string", "enum": ["local_share", "standalone", "cash"]},
            "route_label": {"type": "string"},
            "measure": {
                "type": ["object", "null"],
                "properties": {
                    "slug": {"type": "string"},
                    "name": {"type": "string"},
                    "kind": {"type": "string", "enum": ["bond", "special_tax"]},
                },
            },
            "label": {"type": "string"},
            "status": {"type": "string", "enum": ["applies", "conditional", "unavailable"]},
            "status_label": {"type": "string"},
            "best": {"type": "boolean"},
            "reason": {"type": "string"},
            "notes": {"type": "array", "items": {"type": "string"}},
            "cost_yen": {"type": "integer", "minimum": 1},
            "subsidy_yen": {"type": "integer", "minimum": 0, "description": "国庫補助額"},
            "local_share_yen": {"type": "integer", "minimum": 0, "description": "地方負担（補助裏）"},
            "bond_yen": {"type": "integer", "minimum": 0, "description": "地方債"},
            "cash_yen": {"type": "integer", "minimum": 0, "description": "一般財源等"},
            "allocation_yen": {"type": "integer", "minimum": 0, "description": "交付税算入額または特別交付税措置額"},
            "real_burden_yen": {"type": "integer", "minimum": 0, "description": "実質的な地方負担額"},
            "real_burden_share": {"type": "string", "description": "実質負担の事業費に対する割合（例：10%）"},
            "allocation_label": {"type": "string"},
        },
    },
    "Funding": {
        "type": "object",
        "description": "財源の内訳（事業費を入力し、資料に財源措置がある支援策のみ）",
        "required": ["best", "plans", "notes"],
        "properties": {
            "best": {"oneOf": [{"$ref": "#/components/schemas/FundingPlan"}, {"type": "null"}]},
            "plans": {"type": "array", "items": {"$ref": "#/components/schemas/FundingPlan"}},
            "notes": {"type": "array", "items": {"type": "string"}},
        },
    },
    "FinderResult": {
        "type": "object",
        "required": ["profile", "results", "errors"],
        "properties": {
            "profile": {"type": ["object", "null"]},
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "funding": {"oneOf": [{"$ref": "#/components/schemas/Funding"}, {"type": "null"}]},
                    },
                },
            },
            "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        },
    },
    "Record": {"type": "object", "description": "1行。列は /opendata/ のデータ項目表のとおり。"},
}


def _export_paths():
    slugs = [dataset.slug for dataset in datasets()]
    dataset_parameter = {
        "name": "dataset",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": slugs},
    }
    csv = {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}
    not_found = {
        "description": "そのようなデータセットはない（HTMLの案内ページ）",
        "content": {"text/html": {"schema": {"type": "string"}}},
    }
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
                        "content": {
                            "application/ld+json": {"schema": {"type": "object", "required": ["@context", "@type"]}}
                        },
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
                    "parameters": search_parameters(),
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
                        _query(
                            "municipality",
                            "市区町村・都道府県：全国地方公共団体コード（6桁または5桁。例：122386、12238）、名称またはよみ。"
                            "名称が複数の団体に当てはまるときは400で、errors に候補の件数を返します。"
                            "団体の種類を指定しなければ、各支援策をその年度の4月1日時点の団体区分で判定します",
                        ),
                        _query("applicant_kind", "申請者の種類"),
                        _query("disadvantaged", "該当する条件不利地域", array=True),
                        _query("fiscal_index", "財政力指数（0以上3以下。例：0.45）"),
                        _query("small_municipality", "小規模市町村か（yes／no）"),
                        _query("cost", "事業費（例：3000万円。1兆円以下）"),
                        _query("support_kind", "支援の種類", array=True),
                        _query("years", "対象年度"),
                        _query("sort", "並び順（burden：実質負担の少ない順）"),
                    ],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/FinderResult"}, "結果"),
                        "400": _json({"$ref": "#/components/schemas/FinderResult"}, "入力に誤り（errors に理由）"),
                    },
                }
            },
            "/api/municipalities/lookup/": {
                "get": {
                    "operationId": "municipalityLookup",
                    "summary": "名称・よみ・地方公共団体コードから団体を探す（支援策を探す機能の入力補助）",
                    "parameters": [
                        _query("q", "名称、よみ（ひらがな・カタカナ）、または地方公共団体コード（5桁・6桁）")
                    ],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/MunicipalityLookup"}, "当てはまる団体"),
                        "400": _json(
                            {"$ref": "#/components/schemas/MunicipalityLookup"},
                            "入力が空、長すぎる、またはコードの桁数・検査数字の誤り（message に理由）",
                        ),
                    },
                }
            },
            **export_paths,
        },
        "components": {"schemas": SCHEMAS},
    }
