"""The shape of the code: layers that import one way, strict types, short functions,
settings that check every field, and a public API that stays put."""

from __future__ import annotations

import ast
import math
import subprocess
import sys
from dataclasses import fields
from importlib.resources import files
from pathlib import Path

import pytest

import textreuse
from textreuse.aligner import AlignSettings
from textreuse.errors import ConfigError, TextReuseError
from textreuse.fingerprint import FingerprintSettings
from textreuse.scan import LocalEngine, ScanSettings, SparkEngine
from textreuse.service.limits import Limits

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "textreuse"
MAX_FUNCTION_LINES = 60


def test_imports_go_one_way_down_the_layers() -> None:
    """The contracts in pyproject.toml: no import circle, no import up a layer."""
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_strict_mypy_passes() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_ruff_is_clean(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "src", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_says_it_is_typed() -> None:
    assert files("textreuse").joinpath("py.typed").is_file()


def _long_functions() -> list[str]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} {length}")
    return found


def test_no_function_is_longer_than_sixty_lines() -> None:
    assert _long_functions() == []


def _bad_values(value: object) -> list[object]:
    """Values a field holding ``value`` by default must refuse."""
    if value is None:  # an optional setting: a language code, say
        return ["Not A Code!", 5]
    if isinstance(value, bool):
        return ["yes", 1]
    if isinstance(value, int):
        return [-1, 2.5, "3", math.nan]
    if isinstance(value, float):
        return [-0.5, math.inf, math.nan, "0.5"]
    if isinstance(value, str):
        return []  # free text (a Spark master URL, a memory size): Spark checks it
    return ["not settings", None]


SETTINGS_CLASSES = [AlignSettings, FingerprintSettings, ScanSettings, Limits]


@pytest.mark.parametrize("settings_class", SETTINGS_CLASSES)
def test_every_settings_field_is_checked(settings_class: type) -> None:
    default = settings_class()
    for field in fields(settings_class):
        for bad in _bad_values(getattr(default, field.name)):
            with pytest.raises(ConfigError) as raised:
                settings_class(**{field.name: bad})
            message = str(raised.value)
            assert f"{settings_class.__name__}.{field.name} must be" in message, message
            assert repr(bad) in message, message


def test_optional_settings_fields_are_checked_when_given() -> None:
    with pytest.raises(ConfigError, match=r"LocalEngine\.workers must be a whole number >= 1"):
        LocalEngine(workers=0)
    with pytest.raises(ConfigError, match=r"SparkEngine\.partitions"):
        SparkEngine(partitions=0)


def test_config_errors_are_value_errors_of_the_one_base() -> None:
    assert issubclass(ConfigError, TextReuseError) and issubclass(ConfigError, ValueError)


def test_the_public_api_is_declared_and_stays() -> None:
    assert textreuse.__all__ == sorted(textreuse.__all__)
    for name in textreuse.__all__:
        assert hasattr(textreuse, name), name
    for name in (
        "compare",
        "evaluate",
        "Archive",
        "read_records",
        "read_document",
        "AlignSettings",
        "scan_local",
        "scan_spark",
        "find_sources",
    ):
        assert name in textreuse.__all__, name
    assert callable(textreuse.Archive.query)
