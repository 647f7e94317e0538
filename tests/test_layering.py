"""The layers, read from the imports: core <- people <- sources <- claims.

A module may import its own layer and the layers below it, never one above; the kernel
(`core`) names no app at all, not even as a string (apps register themselves with it).
Function-level imports count too: a lazy import is still a dependency.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["core", "people", "sources", "claims"]
APPS = LAYERS[1:]


def modules(package: str):
    return sorted((ROOT / package).rglob("*.py"))


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", LAYERS)
def test_no_module_imports_a_layer_above_its_own(package):
    above = set(LAYERS[LAYERS.index(package) + 1 :]) | {"config", "bench", "tests"}
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & above)
        for path in modules(package)
    }
    assert {path: names for path, names in wrong.items() if names} == {}


def test_the_kernel_names_no_app_even_as_a_string():
    named = []
    for path in modules("core"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and node.value in APPS:
                named.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert named == []


def test_the_check_sees_a_lazy_import(tmp_path):
    # The checker itself must catch an import inside a function, or the tests above prove nothing.
    module = tmp_path / "lazy.py"
    module.write_text("def f():\n    from claims.models import Statement\n    import sources.api\n")
    assert imported_packages(module) == {"claims", "sources"}
