"""The package's shape: runtime stages apart from evaluation and training, no import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "sitrep"
DEVELOPMENT = "evaluation"
DEVELOPMENT_WORDS = ("evaluate", "crossval", "training", "train")


def test_no_evaluation_or_training_module_under_the_runtime_packages() -> None:
    found = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
             if p.relative_to(SRC).parts[0] != DEVELOPMENT
             and any(w in part for part in p.relative_to(SRC).with_suffix("").parts for w in DEVELOPMENT_WORDS)]
    assert found == []


def test_the_eval_kit_is_found_one_way(monkeypatch, tmp_path) -> None:
    from sitrep.evaluation.kit import eval_kit

    monkeypatch.setenv("SITREP_EVAL_DIR", str(tmp_path))
    assert eval_kit() == tmp_path and eval_kit(Path("x")) == Path("x")
    users = [p for p in SRC.rglob("*.py") if '"shared"' in p.read_text(encoding="utf-8")]
    assert [str(p.relative_to(SRC)) for p in users] == ["evaluation/kit.py"] or not users


def imported(source: str, rel: Path) -> set[str]:
    """The top-level names under sitrep that the module at ``rel`` (relative to src/sitrep)
    imports, absolute or relative, at module level or inside a function (a lazy import)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(rel.parts[:-1])[: len(rel.parts) - node.level]
            parts = base + (node.module.split(".") if node.module else [])
            found.update([parts[0]] if parts else [a.name for a in node.names])
        elif isinstance(node, ast.ImportFrom) and (node.module == "sitrep" or (node.module or "").startswith("sitrep.")):
            parts = node.module.split(".")[1:]
            found.update([parts[0]] if parts else [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("sitrep."))
        elif _imports_by_name(node):
            found.add(node.args[0].value.split(".")[1])
    return found


def _imports_by_name(node: ast.AST) -> bool:
    """``importlib.import_module("sitrep.x...")`` with a literal name."""
    return (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and bool(node.args) and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).startswith("sitrep."))


def import_graph() -> dict[str, set[str]]:
    """Top-level package or module -> the other top-level ones it imports."""
    graph: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        top = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        names = imported(path.read_text(encoding="utf-8"), rel)
        graph.setdefault(top, set()).update(n for n in names if n != top)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return trail + [node, nxt]
            if nxt not in state and (found := visit(nxt, trail + [node])):
                return found
        state[node] = 2
        return []

    return next((c for n in sorted(graph) if n not in state and (c := visit(n, []))), [])


def _tops() -> set[str]:
    return {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()} | \
        {p.stem for p in SRC.glob("*.py") if p.stem not in ("__init__", "__main__")}


def test_no_import_cycle_between_top_level_packages_and_modules() -> None:
    tops = _tops()
    graph = {k: v & tops for k, v in import_graph().items() if k in tops}
    assert _cycle(graph) == []


def test_link_and_geo_do_not_import_each_other() -> None:
    graph = import_graph()
    assert "geo" not in graph["link"] and "link" not in graph["geo"]
    assert "geo" not in graph["nlp"] and "link" not in graph["nlp"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_lazy_and_relative_imports_are_seen() -> None:
    source = ("import json\n"
              "def place():\n    from ..link.linker import Linker\n    return Linker\n"
              "def later():\n    import sitrep.knowledge.kb\n"
              "    return importlib.import_module('sitrep.store.write')\n"
              "from . import resolve\nfrom sitrep import vocabulary\n")
    assert imported(source, Path("geo/stage.py")) == {"link", "knowledge", "store", "geo", "vocabulary"}


def _calls(tree: ast.AST) -> list[str]:
    """Dotted names of everything called in ``tree`` ("spacy.load", "x.load")."""
    return [ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)]


def test_spacy_is_loaded_in_one_place_and_resources_cached_one_way() -> None:
    loaders, globals_ = [], []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
                   for a in getattr(n, "names", [])} | {getattr(n, "module", None) or "" for n in ast.walk(tree)}
        if any(m.startswith("en_core_web") for m in modules) or any(c in ("spacy.load", "spacy.blank")
                                                                   for c in _calls(tree)):
            loaders.append(str(path.relative_to(SRC)))
        if any(isinstance(n, ast.Global) for n in ast.walk(tree)):
            globals_.append(str(path.relative_to(SRC)))
    assert loaders == [] and globals_ == []  # nlp.spacy_stage.load_spacy loads by name; caches are lru_cache
    from sitrep.nlp import embed, multilingual

    assert issubclass(multilingual.MultilingualEncoder, embed.LoadedOnce)
    assert issubclass(embed.SentenceEncoder, embed.LoadedOnce)


def test_names_are_normalised_and_place_types_defined_in_the_vocabulary_only() -> None:
    marks = ("NFKD", r"[^\w]+", r"[^a-z0-9]+", "PLACE_TYPES =", "PLACE_TYPES: ")
    found = [f"{p.relative_to(SRC)}: {m}" for p in SRC.rglob("*.py") if p.name != "vocabulary.py"
             for m in marks if m in p.read_text(encoding="utf-8")]
    assert found == []
