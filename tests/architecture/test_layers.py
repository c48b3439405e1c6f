"""Dependencies between the portal's apps run one way.

Every module of every app is read as source (its AST, so an import inside a
function counts as much as one at the top: that is where cycles hide) and
each import of another app becomes an edge. The check fails on a cycle
between apps and on an app importing one from a higher layer.

Layers, from the bottom; an app may import its own layer (without a cycle)
and every layer below it:"""

import ast
import itertools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LAYERS = (
    # Small shared base: page bases, query strings, editorial rights, the
    # provenance of facts, charts, the page cache, the job runner.
    # seedcontent is the generic compare-then-publish toolkit every app's
    # seed.py uses; it imports no app (its command runs settings.SEED_LOADERS).
    ("base", {"core", "editorial", "provenance", "charts", "pagecache", "periodic", "seedcontent"}),
    # Generic machinery that content registers with.
    ("shared", {"search", "seo", "opendata"}),
    # The vocabulary every content type speaks (分野, 地域, 市区町村).
    ("vocabulary", {"taxonomy"}),
    ("content", {"cases", "supports", "events", "awards", "regions"}),
    # Features over several content types, and the home page that shows them all.
    ("features", {"alerts", "desk", "accounts", "home"}),
    # The project: settings and URLs, the one place that knows every app.
    ("project", {"portal"}),
)

# Edges known to be wrong, each with the reason it is still here. The test
# prints them, so they stay in sight until the work that removes them lands.
ALLOWED = {}

LAYER_OF = {app: index for index, (_, apps) in enumerate(LAYERS) for app in apps}


def app_names():
    return sorted(path.parent.name for path in ROOT.glob("*/apps.py")) + ["portal"]


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield node.lineno, [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, [node.module]


def import_edges():
    """{(importer, imported): [where, …]} between the portal's apps."""
    apps = set(app_names())
    edges = {}
    for app in sorted(apps):
        for path in sorted((ROOT / app).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, modules in imported_modules(tree):
                for module in modules:
                    target = module.split(".")[0]
                    if target in apps and target != app:
                        edges.setdefault((app, target), []).append(f"{path.relative_to(ROOT)}:{line}")
    return edges


def cycles(edges):
    """Each strongly connected group of apps (Tarjan), as a sorted tuple."""
    graph = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
        graph.setdefault(target, set())
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = itertools.count()

    def visit(node):
        index[node] = low[node] = next(counter)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(tuple(sorted(group)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def upward(edges):
    return sorted((s, t) for s, t in edges if LAYER_OF[s] < LAYER_OF[t])


def test_every_app_has_a_layer():
    assert set(app_names()) == set(LAYER_OF), "add a new app to LAYERS (and say why it sits there)"


def test_cycle_finder_finds_a_cycle_through_three_apps():
    edges = {("a", "b"): [], ("b", "c"): [], ("c", "a"): [], ("c", "d"): []}
    assert cycles(edges) == [("a", "b", "c")]
    assert cycles({("a", "b"): [], ("b", "c"): []}) == []


def test_imports_inside_functions_count():
    tree = ast.parse("def f():\n    from search.views import search_context\n")
    assert [modules for _, modules in imported_modules(tree)] == [["search.views"]]


def test_no_import_cycle_between_apps_and_no_import_upwards():
    edges = import_edges()
    if ALLOWED:
        for (_source, _target), _why in sorted(ALLOWED.items()):
            pass
    checked = {edge: where for edge, where in edges.items() if edge not in ALLOWED}
    problems = [f"cycle: {' ↔ '.join(group)}" for group in cycles(checked)]
    problems += [
        f"upward: {s} ({LAYERS[LAYER_OF[s]][0]}) imports {t} ({LAYERS[LAYER_OF[t]][0]}) at {', '.join(checked[(s, t)])}"
        for s, t in upward(checked)
    ]
    assert not problems, "\n".join(problems)


def test_allowed_edges_still_exist():
    """An allowance outlives its reason only until the edge is gone."""
    edges = import_edges()
    assert [edge for edge in ALLOWED if edge not in edges] == []
