"""The layout: code in alassess/, data beside it in resources/ and forms/, all of it installed."""

import tomllib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_of_the_code_is_installed():
    listed = set(_setuptools()["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "alassess").rglob("__init__.py")}
    assert found - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"


def test_data_folders_are_mapped_and_found_through_importlib_resources():
    assert _setuptools()["package-dir"] == {"alassess.resources": "resources", "alassess.forms.defs": "forms"}
    assert not (ROOT / "alassess" / "resources").exists()
    words = resources.files("alassess.resources").joinpath("words")
    assert words.joinpath("core.json").is_file()
    assert resources.files("alassess.resources").joinpath("standards").is_dir()
    assert resources.files("alassess.resources").joinpath("fonts", "NotoSansSC-Regular.ttf").is_file()
    forms = sorted(p.name for p in resources.files("alassess.forms.defs").iterdir() if p.name.endswith(".json"))
    assert forms == sorted(p.name for p in (ROOT / "forms").glob("*.json")) and "plant.json" in forms
