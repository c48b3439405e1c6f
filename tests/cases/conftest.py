from tests.search.conftest import backend, use_database, use_elasticsearch  # noqa: F401 - fixtures
