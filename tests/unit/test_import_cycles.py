"""No two modules of trainer_app import each other, directly or around a longer circle:
counting imports inside functions and under TYPE_CHECKING too (grimp reads every import
statement of a module, wherever it stands)."""

from __future__ import annotations

import grimp

from trainer_app.domain import scoring  # noqa: F401  (the package must import cleanly)


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components of more than one module (or a module that
    imports itself) are circles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, ()):
                    found.append(sorted(component))
    return found


def test_finder_sees_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert strongly_connected(graph) == [["a", "b", "c"], ["e"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


def test_trainer_app_has_no_import_circles() -> None:
    built = grimp.build_graph("trainer_app", include_external_packages=False)
    graph = {module: set(built.find_modules_directly_imported_by(module))
             for module in built.modules}
    # The finder must see the imports that sit inside functions: the CLI loads its command
    # groups lazily, and that edge must be in the graph it searches.
    assert "trainer_app.cli.roster" in graph["trainer_app.cli"]
    assert strongly_connected(graph) == []
