from tests.search.conftest import backend, unreachable_engine, use_database, use_elasticsearch  # noqa: F401
