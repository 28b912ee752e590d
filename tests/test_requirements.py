"""Every package our code imports is pinned directly, in the requirements file of the code
that imports it: the runtime apps in requirements.txt, the demo in requirements-demo.txt (or
the runtime's), tests, benchmarks and tools in any of the three. And no runtime app imports
the demo (it sits above them, outside the runtime)."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_APPS = ("config", "campaigns", "education", "reviews", "staff", "reach_api")
# Our own top-level packages and scripts, and the modules of bench/ and bin/ (each folder is on
# its scripts' path).
LOCAL = {path.stem for path in ROOT.glob("*.py")} | {
    path.name for path in ROOT.iterdir() if path.is_dir()
} | {path.stem for path in (*ROOT.glob("bench/*.py"), *ROOT.glob("bin/*.py"))}


def pinned(filename: str) -> set[str]:
    """Distribution names pinned in the file (not those it includes with -r)."""
    names = set()
    for line in (ROOT / filename).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            assert "==" in line, f"{filename}: {line!r} is not pinned with =="
            names.add(normal(re.split(r"[=\[<>~! ]", line, maxsplit=1)[0]))
    return names


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def top_level_imports(*folders: str):
    """(top-level module, file) of every absolute import in the Python files under folders."""
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    yield name.split(".")[0], str(path.relative_to(ROOT))


def imported(*folders: str) -> dict[str, str]:
    """Third-party modules imported under these folders: {module: a file using it}."""
    found = {}
    for top, where in top_level_imports(*folders):
        if top not in sys.stdlib_module_names and top not in LOCAL:
            found.setdefault(top, where)
    return found


def unpinned(modules: dict[str, str], allowed: set[str]) -> list[str]:
    distributions = packages_distributions()
    return [
        f"{module} (in {where})" for module, where in sorted(modules.items())
        if not {normal(d) for d in distributions.get(module, [module])} & allowed
    ]


def test_runtime_apps_import_only_packages_pinned_in_requirements_txt():
    assert unpinned(imported(*RUNTIME_APPS), pinned("requirements.txt")) == []


def test_the_demo_imports_only_runtime_and_demo_packages():
    allowed = pinned("requirements.txt") | pinned("requirements-demo.txt")
    assert unpinned(imported("demo"), allowed) == []
    assert "imageio-ffmpeg" in pinned("requirements-demo.txt")  # only the demo encodes video


def test_tests_benchmarks_and_tools_import_only_pinned_packages():
    allowed = pinned("requirements.txt") | pinned("requirements-demo.txt") | pinned(
        "requirements-test.txt"
    )
    assert unpinned(imported("tests", "bench", "bin"), allowed) == []


def test_no_runtime_app_imports_the_demo():
    assert [where for top, where in top_level_imports(*RUNTIME_APPS) if top == "demo"] == []
