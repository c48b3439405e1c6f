"""The database backend's text index: the matching rule of analysis.py,
answered from an index instead of a scan, on SQLite and PostgreSQL alike.

A row's tokens are every run of one, two or three neighbouring units inside
one chunk, read back from its encoded text (analysis.encode), so they cannot
disagree with it. A query chunk asks for itself or its runs of three:
  - up to three units: the chunk is one token, and a token exists only where
    those units stand side by side in one chunk of the text, so the index's
    answer is the rule's answer, with no row read (3 covers センサ, 見守り,
    港北区: a measured 150 ms at 10,000 rows went into checking them);
  - four units or more: its runs of three may be scattered over the text, so
    the rows the index finds are verified with the rule itself, a substring
    test on the encoded text (instr / strpos), on those rows only.
Tokens carry no positions, so nothing depends on a position limit
(PostgreSQL's is 16,383 and 256 per lexeme) and the index stays small.

Two Latin units side by side (wi-fi) are joined by "·", which no unit holds,
so wi·fi cannot be read as wif·i. The tokens are written as they are, one
space between them; both databases take them without their own parsing:
  - SQLite: an FTS5 table with the `ascii` tokenizer (every non-ASCII
    character is a token character, so 地域 and 域iot stay whole; ASCII case
    is already folded), external content on search_searchdocument, kept in
    step by triggers; `detail=column`: no positions, one column per field.
  - PostgreSQL: stored generated columns `text_vector` / `title_vector` =
    `text_tokens::tsvector` (the tsvector input syntax, not a text search
    configuration: no parser splits a token) with GIN indexes, and tsquery
    `'a' & 'b'`. Stored, not an expression index: on a small table the
    planner scans, and casting every row's tokens cost 150 ms at 300 rows.

The content version (see facetindex.py) is a one-row table that a trigger
gives a new random value on every write that changes what search sees, so
a process learns that its in-memory facet index is stale with one read."""

import re

from django.db import connection

FTS_TABLE = "search_document_fts"
VERSION_TABLE = "search_content_version"
COLUMNS = {"text": "text_tokens", "title_text": "title_tokens"}
_ENCODED_UNIT = re.compile(r"_([^_ ]+)_|([^_ ])")
_PAIR_JOINER = "·"
MAX_GRAM = 3  # runs of up to 3 units are tokens: a query chunk that long is one exact token
# Columns whose change changes what a search sees (pending, attempts … do not).
_WATCHED = ("key", "facets", "text", "title", "title_text", "published_at", "is_deleted", "text_tokens", "title_tokens")


def encoded_units(encoded_chunk):
    """The units of one encoded chunk, each with whether it is a Latin unit."""
    return [(latin or single, bool(latin)) for latin, single in _ENCODED_UNIT.findall(encoded_chunk)]


def _gram(units):
    """Neighbouring units as one token; two Latin units are joined by "·"."""
    token = units[0][0]
    for (_, was_latin), (unit, latin) in zip(units, units[1:], strict=False):
        token += f"{_PAIR_JOINER}{unit}" if was_latin and latin else unit
    return token


def _grams(units, size):
    return (_gram(units[i : i + size]) for i in range(len(units) - size + 1))


def chunk_tokens(encoded_chunk):
    """What a query chunk asks of the index: the chunk itself when it has
    up to MAX_GRAM units, else every run of MAX_GRAM units in it."""
    units = encoded_units(encoded_chunk)
    return list(dict.fromkeys(_grams(units, min(len(units), MAX_GRAM))))


def index_tokens(encoded):
    """A row's tokens: every run of one to MAX_GRAM units inside a chunk."""
    tokens = set()
    for chunk in encoded.split(" "):
        units = encoded_units(chunk)
        for size in range(1, MAX_GRAM + 1):
            tokens.update(_grams(units, size))
    return " ".join(sorted(tokens))


def needs_verifying(encoded_chunk):
    return len(encoded_units(encoded_chunk)) > MAX_GRAM


# --- queries ----------------------------------------------------------------


def matching_ids(column, alternative):
    """(sql, params): the ids of rows whose `column` ("text" or
    "title_text") holds every chunk of one alternative (encoded chunks)."""
    tokens = list(dict.fromkeys(token for chunk in alternative for token in chunk_tokens(chunk)))
    checks = [chunk for chunk in alternative if needs_verifying(chunk)]
    if connection.vendor == "postgresql":
        found = f"{_vector(COLUMNS[column])} @@ %s::tsquery"
        params = [" & ".join(_pg_quote(t) for t in tokens)]
        checks_sql = "".join(f" AND strpos({column}, %s) > 0" for _ in checks)
        return f"SELECT id FROM search_searchdocument WHERE {found}{checks_sql}", params + checks
    match = f"{{{COLUMNS[column]}}} : ({' AND '.join(_fts_quote(t) for t in tokens)})"
    found = f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    if not checks:
        return found, [match]
    checks_sql = "".join(f" AND instr({column}, %s) > 0" for _ in checks)
    return f"SELECT id FROM search_searchdocument WHERE id IN ({found}){checks_sql}", [match, *checks]


def term_ids(column, encoded_alternatives):
    """(sql, params): rows holding any of a term's alternatives."""
    parts = [matching_ids(column, alternative) for alternative in encoded_alternatives]
    return " UNION ".join(sql for sql, _ in parts), [p for _, params in parts for p in params]


def _vector(column):
    """PostgreSQL's stored tsvector of a token column (text_tokens → text_vector)."""
    return column.replace("_tokens", "_vector")


def _fts_quote(token):
    return '"' + token.replace('"', '""') + '"'


def _pg_quote(token):
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


# --- schema -------------------------------------------------------------------


def _sqlite_statements():
    watched = ", ".join(_WATCHED)
    fts_columns = ", ".join(COLUMNS.values())
    new_values = ", ".join(f"new.{c}" for c in COLUMNS.values())
    old_values = ", ".join(f"old.{c}" for c in COLUMNS.values())
    insert_new = f"INSERT INTO {FTS_TABLE}(rowid, {fts_columns}) VALUES (new.id, {new_values});"
    delete_old = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {fts_columns}) VALUES ('delete', old.id, {old_values});"
    bump = f"UPDATE {VERSION_TABLE} SET token = random();"
    return {
        "table": [
            f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (id integer PRIMARY KEY, token integer NOT NULL)",
            f"INSERT OR IGNORE INTO {VERSION_TABLE} (id, token) VALUES (1, random())",
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({fts_columns}, "
            "content='search_searchdocument', content_rowid='id', tokenize='ascii', detail='column')",
        ],
        "triggers": [
            f"CREATE TRIGGER IF NOT EXISTS search_document_inserted AFTER INSERT ON search_searchdocument "
            f"BEGIN {insert_new} {bump} END",
            f"CREATE TRIGGER IF NOT EXISTS search_document_deleted AFTER DELETE ON search_searchdocument "
            f"BEGIN {delete_old} {bump} END",
            f"CREATE TRIGGER IF NOT EXISTS search_document_updated AFTER UPDATE OF {watched} ON search_searchdocument "
            f"BEGIN {delete_old} {insert_new} {bump} END",
        ],
    }


def _postgresql_statements():
    watched = ", ".join(_WATCHED)
    return {
        "table": [
            f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (id integer PRIMARY KEY, token bigint NOT NULL)",
            f"INSERT INTO {VERSION_TABLE} (id, token) VALUES (1, 0) ON CONFLICT DO NOTHING",
            *(
                f"ALTER TABLE search_searchdocument ADD COLUMN IF NOT EXISTS {_vector(column)} tsvector "
                f"GENERATED ALWAYS AS ({column}::tsvector) STORED"
                for column in COLUMNS.values()
            ),
            *(
                f"CREATE INDEX IF NOT EXISTS search_{_vector(column)}_gin ON search_searchdocument USING gin ({_vector(column)})"
                for column in COLUMNS.values()
            ),
            "CREATE OR REPLACE FUNCTION search_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"UPDATE {VERSION_TABLE} SET token = floor(random() * 9007199254740991)::bigint; RETURN NULL; END $$",
        ],
        "triggers": [
            "DROP TRIGGER IF EXISTS search_content_changed ON search_searchdocument",
            f"CREATE TRIGGER search_content_changed AFTER INSERT OR DELETE OR UPDATE OF {watched} "
            "ON search_searchdocument FOR EACH STATEMENT EXECUTE FUNCTION search_content_changed()",
        ],
    }


_TRIGGER_NAMES = ("search_document_inserted", "search_document_deleted", "search_document_updated")


def install(connection):
    """Create the index, its triggers and the version row where missing.

    Idempotent, and run after every migrate as well as by the migration: on
    SQLite, Django rebuilds a table it alters (copy, drop, rename), which
    drops its triggers; they are put back and the FTS table rebuilt from
    the rows, so a later migration of SearchDocument cannot leave the index
    silently behind."""
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s, %s)", _TRIGGER_NAMES
            )
            complete = cursor.fetchone()[0] == len(_TRIGGER_NAMES)
            statements = _sqlite_statements()
        else:
            complete = False  # the PostgreSQL statements are cheap and replace themselves
            statements = _postgresql_statements()
        if complete:
            return
        for sql in statements["table"] + statements["triggers"]:
            cursor.execute(sql)
        if vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        cursor.execute(f"UPDATE {VERSION_TABLE} SET token = token + 1")


def uninstall(connection):
    vendor = connection.vendor
    statements = {
        "sqlite": [*(f"DROP TRIGGER IF EXISTS {name}" for name in _TRIGGER_NAMES), f"DROP TABLE IF EXISTS {FTS_TABLE}"],
        "postgresql": [
            "DROP TRIGGER IF EXISTS search_content_changed ON search_searchdocument",
            "DROP FUNCTION IF EXISTS search_content_changed()",
            *(
                f"ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS {_vector(column)}"
                for column in COLUMNS.values()
            ),
        ],
    }.get(vendor, [])
    with connection.cursor() as cursor:
        for sql in statements + [f"DROP TABLE IF EXISTS {VERSION_TABLE}"] * bool(statements):
            cursor.execute(sql)


def version_sql():
    return f"SELECT token FROM {VERSION_TABLE} WHERE id = 1"
