.PHONY: run test search-engine

## Serve the portal with the seeded content on SQLite (no other service).
run:
	scripts/run

## Run the whole test suite; installs and starts what it needs.
test:
	scripts/test

## Start the development Elasticsearch server (scripts/search-engine stop to stop it).
search-engine:
	scripts/search-engine start
