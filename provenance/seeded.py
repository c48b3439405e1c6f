"""Which facts of each data file must be quoted from a document, and as what
type (see provenance/facts.py). Declared here, beside the data, so a new
field of one of these kinds is checked by adding one line."""

from provenance.facts import Fact

FACTS = {
    "cases": [
        Fact("year_started", "year"),
        Fact("effects[*].value", "number"),
        Fact("municipalities[*].name", "name"),
        Fact("award", "flag"),
        Fact("selected_100", "flag"),
    ],
    "programs": [
        Fact("fiscal_year", "year"),
        Fact("budget_yen", "number"),
        Fact("budget_fiscal_year", "year"),
        Fact("application_open", "date"),
        Fact("application_close", "date"),
        Fact("rules[*].max_fiscal_index", "number"),
        Fact("rules[*].options[*].rate", "rate"),
        Fact("rules[*].options[*].cap_yen", "number"),
    ],
    "seminars": [
        Fact("start_date", "date"),
        Fact("end_date", "date"),
        Fact("start_time", "time"),
        Fact("end_time", "time"),
        Fact("venue", "name"),
        Fact("capacity", "number"),
        Fact("fee", "number"),
    ],
    "award_editions": [
        Fact("fiscal_year", "year"),
        Fact("entries", "number"),
        Fact("ceremony_date", "date"),
    ],
    "award_results": [
        Fact("winners", "name"),
        Fact("tier", "flag"),
        Fact("municipalities[*].name", "name"),
    ],
    "municipalities": [Fact("name", "name")],
    "blocks": [Fact("council", "name"), Fact("study_group", "name")],
}


def seeded_items(read):
    """(kind, label, item) for every item of every data file that carries
    facts; ``read`` is seedcontent.sync.read."""
    for kind in ("cases", "programs", "seminars", "municipalities"):
        for item in read(f"{kind}.json"):
            yield kind, item.get("slug") or item["name"], item
    awards = read("awards.json")
    for item in awards["editions"]:
        yield "award_editions", item["slug"], item
    for item in awards["results"]:
        yield "award_results", f"{item['edition']}: {item['case_title']}", item
    for item in read("taxonomy.json")["blocks"]:
        yield "blocks", item["slug"], item
