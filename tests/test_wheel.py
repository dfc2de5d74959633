"""The wheel works for a new user (issue 15): built from the checkout, installed into a fresh virtual
environment, run from a folder outside the repository, it finds its shipped models inside the installed
package, installs as ``warta`` only, and its core requirements bring no torch.

The fresh environment gets the already-installed dependencies through a ``.pth`` line naming this
interpreter's site-packages (after its own), and the wheel with ``--no-deps``: nothing is downloaded.
Lines of a ``.pth`` file only extend ``sys.path``; ``.pth`` files in the added folder are not processed,
so the editable install of the checkout (``__editable__*.pth``) stays out — ``warta.__file__`` proves it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import site
import sys
import zipfile
from email.parser import Parser
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import warta

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO / "corpus" / "docs" / "ai-tiongkok-600-juta-pengguna.txt"
# entries of a checkout that are no part of the source: the root's build state and outputs, caches anywhere,
# hidden entries (.git, .venv)
ROOT_OUTPUTS = {"build", "out", "training"}
# what only an extra may bring: distributions, and the modules they provide
EXTRA_ONLY = {"torch", "stanza", "gensim", "dask", "distributed", "duckdb", "pytest"}
EXTRA_MODULES = {"torch", "stanza", "gensim", "dask", "distributed", "duckdb"}
CORE = {"spacy", "dateparser", "nervaluate", "pandas", "pyarrow", "tqdm"}
MIN_SETUPTOOLS = (77,)


def run(command: list[str], cwd: Path, check: bool = True, **env: str) -> subprocess.CompletedProcess:
    """``command`` with a clean environment: no PYTHONPATH, no Warta overrides unless given."""
    clean_env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "WARTA_MODELS_DIR", "WARTA_SHARED"}}
    result = subprocess.run(command, cwd=cwd, env={**clean_env, **env}, capture_output=True, text=True)
    if check and result.returncode != 0:
        pytest.fail(f"{' '.join(map(str, command))} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def setuptools_version() -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in version("setuptools").split(".")[:2] if part.isdigit())
    except PackageNotFoundError:
        return None


def copy_source(destination: Path) -> Path:
    """The checkout without build state, so that a stale ``build/lib`` cannot leak into the wheel."""
    def ignored(folder: str, names: list[str]) -> set[str]:
        at_root = Path(folder) == REPO
        return {name for name in names if (at_root and name in ROOT_OUTPUTS) or name == "__pycache__"
                or name.startswith(".") or name.endswith(".egg-info")}
    return Path(shutil.copytree(REPO, destination, ignore=ignored))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    found = setuptools_version()
    if found is None or found < MIN_SETUPTOOLS:
        pytest.skip(f"building the wheel needs setuptools>={MIN_SETUPTOOLS[0]} (found {found}): "
                    "pip install -e '.[dev]'")
    source = copy_source(tmp_path_factory.mktemp("source") / "warta")
    dist = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "-q", "-w", str(dist)], cwd=dist)
    [built] = dist.glob("warta-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh_env(wheel, tmp_path_factory) -> dict[str, Path]:
    """A new virtual environment holding the wheel; its dependencies come from this interpreter's."""
    home = tmp_path_factory.mktemp("fresh") / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(home)], cwd=home.parent)
    python = home / "bin" / "python"
    purelib = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                       cwd=home).stdout.strip())
    # this interpreter's site-packages, after the fresh one: the dependencies, not the editable checkout
    (purelib / "warta_test_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
         "--disable-pip-version-check", "-q", str(wheel)], cwd=home)
    return {"python": python, "warta": home / "bin" / "warta", "purelib": purelib.resolve()}


@pytest.fixture()
def outside(tmp_path) -> Path:
    """A working folder outside the checkout, holding the seed article as ``article.txt``."""
    assert not tmp_path.resolve().is_relative_to(REPO)
    shutil.copy(SEED_ARTICLE, tmp_path / "article.txt")
    return tmp_path


def shipped_files(folder: Path, pattern: str = "*") -> list[str]:
    """The files under ``folder`` matching ``pattern``, relative to it (caches left out)."""
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob(pattern)
                  if path.is_file() and "__pycache__" not in path.parts)


def test_the_wheel_carries_the_models_and_the_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [f"warta/models/{model}/{name}" for model in ("id_ner", "en_ner", "langid")
                for name in shipped_files(REPO / "models" / model)]
    expected += [f"warta/configs/{name}" for name in shipped_files(REPO / "configs")]
    expected += [f"warta/lang/{name}" for name in shipped_files(REPO / "pipeline" / "lang", "*.json")]
    expected += [f"warta/{name}" for name in shipped_files(REPO / "pipeline", "*.py")]
    expected.append("warta/backends/stanza_no_resources.json")
    missing = sorted(set(expected) - names)
    assert not missing, f"not in the wheel: {missing[:20]}"
    assert {"warta/models/id_ner/meta.json", "warta/models/en_ner/meta.json",
            "warta/models/langid/model.json.gz"} <= names


def test_the_wheel_holds_the_warta_package_only(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names}
    assert top_level == {"warta", wheel.name.split("-py")[0] + ".dist-info"}, top_level
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


def test_the_core_requirements_bring_no_torch(wheel):
    with zipfile.ZipFile(wheel) as archive:
        [metadata_name] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
    requirements = [Requirement(line) for line in metadata.get_all("Requires-Dist")]
    core = {r.name.lower(): str(r.specifier) for r in requirements if r.marker is None}
    assert CORE <= set(core), core
    assert not EXTRA_ONLY & set(core), core
    assert core["spacy"] == "==3.8.18" and core["dateparser"] == "==1.5.0" and core["nervaluate"] == "==1.2.1"
    stanza_extra = {r.name.lower() for r in requirements if r.marker and r.marker.evaluate({"extra": "stanza"})}
    assert {"stanza", "torch"} <= stanza_extra
    assert {"stanza", "dask", "train", "dev"} <= set(metadata.get_all("Provides-Extra"))


def test_the_installed_wheel_extracts_outside_the_checkout(fresh_env, outside):
    run([str(fresh_env["warta"]), "-q", "extract", "article.txt", "-o", "out"], cwd=outside)
    [record] = [json.loads(line) for line in (outside / "out" / "documents.jsonl").read_text("utf-8").splitlines()]
    meta = json.loads((REPO / "models" / "id_ner" / "meta.json").read_text("utf-8"))
    assert record["status"] == "ok" and record["lang"] == "id"
    assert record["models"]["ner"] == f"id_ner@{meta['version']}"
    assert {"PERSON", "ORG", "PLACE", "FIGURE", "DATE"} <= {span["label"] for span in record["spans"]}
    # the same record as the checkout's own code gives
    assert record == warta.extract((outside / "article.txt").read_text("utf-8"), doc_id="article")


# Run in the fresh environment with the extras' modules made unimportable, as in a core-only install:
# every module of the package imports, then the shipped Indonesian model loads.
CORE_ONLY_PROBE = f"""
import json, sys
from pathlib import Path
for name in {sorted(EXTRA_MODULES)!r}:
    sys.modules[name] = None
import warta
from warta import paths
package_dir = Path(warta.__file__).parent
modules = sorted(".".join(("warta", *path.relative_to(package_dir).with_suffix("").parts)).removesuffix(".__init__")
                 for path in package_dir.rglob("*.py") if path.stem != "__main__")
for module in modules:
    __import__(module)
nlp = warta.load("id")
print(json.dumps({{"file": warta.__file__, "pipes": nlp.pipe_names, "models": str(paths.models_dir()),
                  "modules": modules}}))
"""


def source_modules() -> set[str]:
    """The dotted names of the checkout's modules and packages, as installed (``warta.…``)."""
    package_dir = REPO / "pipeline"
    return {".".join(("warta", *path.relative_to(package_dir).with_suffix("").parts)).removesuffix(".__init__")
            for path in package_dir.rglob("*.py") if path.stem != "__main__" and "__pycache__" not in path.parts}


def test_the_installed_wheel_loads_its_own_models_without_the_extras(fresh_env, outside):
    found = json.loads(run([str(fresh_env["python"]), "-c", CORE_ONLY_PROBE], cwd=outside).stdout.splitlines()[-1])
    assert Path(found["file"]).resolve().is_relative_to(fresh_env["purelib"]), found["file"]
    assert Path(found["models"]).resolve() == fresh_env["purelib"] / "warta" / "models"
    assert "ner" in found["pipes"] and found["pipes"][-1] == "warta_boilerplate"
    assert set(found["modules"]) == source_modules()


def test_warta_models_dir_overrides_the_shipped_models(fresh_env, outside):
    empty = outside / "no-models"
    empty.mkdir()
    probe = "import warta; print(' '.join(warta.load('id').pipe_names))"
    pipes = run([str(fresh_env["python"]), "-c", probe], cwd=outside, WARTA_MODELS_DIR=str(empty)).stdout.split()
    assert "ner" not in pipes and pipes[-1] == "warta_boilerplate"     # the blank pipeline: rules only
    # language detection needs the identifier: the error names where it was looked for
    failed = run([str(fresh_env["warta"]), "extract", "article.txt", "-o", "out"], cwd=outside, check=False,
                 WARTA_MODELS_DIR=str(empty))
    assert failed.returncode != 0 and str(empty / "langid" / "model.json.gz") in failed.stderr


def test_the_installed_wheel_has_no_pipeline_module(fresh_env, outside):
    failed = run([str(fresh_env["python"]), "-c", "import pipeline"], cwd=outside, check=False)
    assert failed.returncode != 0 and "No module named 'pipeline'" in failed.stderr
