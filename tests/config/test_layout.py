"""The shape of the code (docs/architecture.md): no import cycle between the apps' modules, counting
imports placed inside functions, and no module that outgrows one sub-domain."""

import ast
from pathlib import Path

from django.conf import settings

APPS = ("countries", "questionnaires", "reports", "config")
# Data and schema modules that are long by nature; every other module stays under MAX_LINES.
LONG_BY_NATURE = {"questionnaires/models.py", "questionnaires/yaml_format.py"}
MAX_LINES = 350


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _source_files(root: Path, packages) -> dict[str, Path]:
    files = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" not in path.parts:
                files[_module_name(root, path)] = path
    return files


def _imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The known modules that ``name`` imports anywhere in its file, functions and methods included."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module
            # ``from package import submodule`` imports the submodule; ``from module import name`` the module.
            targets = [f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in known else origin for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_cycles(root: Path, packages=APPS) -> list[list[str]]:
    """Every cycle in the import graph of these packages (each once, as the modules in import order)."""
    files = _source_files(root, packages)
    graph = {name: _imported_modules(name, path, set(files)) for name, path in files.items()}
    cycles, seen = [], set()

    def visit(module, trail):
        for target in sorted(graph[module]):
            if target in trail:
                cycle = trail[trail.index(target):]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    cycles.append(cycle + [target])
            elif target not in done:
                visit(target, trail + [target])
        done.add(module)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    return cycles


def test_the_apps_have_no_import_cycle():
    cycles = import_cycles(Path(settings.BASE_DIR))

    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in cycles)


def test_a_cycle_hidden_in_a_function_is_found(tmp_path):
    (tmp_path / "app" / "services").mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text("def scope():\n    from .services.rules import allowed\n")
    (tmp_path / "app" / "services" / "__init__.py").write_text("from .rules import allowed\n")
    (tmp_path / "app" / "services" / "rules.py").write_text("from ..models import scope\n\nallowed = scope\n")

    cycles = import_cycles(tmp_path, packages=["app"])

    assert cycles == [["app.models", "app.services.rules", "app.models"]]


def test_no_module_outgrows_one_sub_domain():
    root = Path(settings.BASE_DIR)
    too_long = {
        path.relative_to(root).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in _source_files(root, APPS).values()
    }
    too_long = {name: lines for name, lines in too_long.items() if lines > MAX_LINES and name not in LONG_BY_NATURE}

    assert too_long == {}, "split these modules by sub-domain (a package re-exporting from __init__.py)"
