"""The language model loaded from its unpacked copy identifies exactly as py3langid's
own loader does, and a copy that cannot be written or read costs time, never a result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from textreuse.text import language_model
from textreuse.text.language_model import CACHE_DIR_VARIABLE, load_language_identifier

SAMPLES = [
    "Le conseil municipal a voté mardi la fermeture du vieux pont.",
    "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke zu schließen.",
    "El ayuntamiento votó el martes el cierre del viejo puente.",
    "Il consiglio comunale ha votato martedì la chiusura del vecchio ponte.",
    "A câmara municipal votou na terça-feira o encerramento da ponte velha.",
    "De gemeenteraad heeft dinsdag gestemd om de oude brug te sluiten.",
    "Городской совет во вторник проголосовал за закрытие старого моста.",
    "Міська рада у вівторок проголосувала за закриття старого мосту.",
    "Rada miasta we wtorek zagłosowała za zamknięciem starego mostu.",
    "Kaupunginvaltuusto äänesti tiistaina vanhan sillan sulkemisesta.",
    "Dewan kota memutuskan pada hari Selasa untuk menutup jembatan tua itu.",
    "مجلس المدينة صوت يوم الثلاثاء على إغلاق الجسر القديم",
    "नगर परिषद ने मंगलवार को पुराने पुल को बंद करने के लिए मतदान किया।",
]


@pytest.fixture(scope="module")
def packaged() -> Any:
    return LanguageIdentifier.from_model_file(MODEL_FILE)


def _answers(identifier: Any) -> list[tuple[str, float]]:
    return [identifier.classify(sample) for sample in SAMPLES]


def test_the_unpacked_copy_identifies_as_the_packaged_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packaged: Any
) -> None:
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path))
    first = load_language_identifier()
    assert [path.suffix for path in tmp_path.iterdir()] == [".npz"]  # no part left behind
    assert _answers(first) == _answers(packaged)
    assert first.nb_classes == packaged.nb_classes


def test_a_later_load_reads_the_copy_not_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packaged: Any
) -> None:
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path))
    load_language_identifier()

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the packed model was read again")

    monkeypatch.setattr(language_model.lzma, "open", refuse)
    monkeypatch.setattr(LanguageIdentifier, "from_model_file", refuse)
    assert _answers(load_language_identifier()) == _answers(packaged)


def test_a_folder_that_cannot_be_written_loads_from_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packaged: Any
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "cache"))
    assert _answers(load_language_identifier()) == _answers(packaged)


def test_a_damaged_copy_loads_from_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packaged: Any
) -> None:
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path))
    load_language_identifier()
    (copy,) = tmp_path.iterdir()
    copy.write_bytes(copy.read_bytes()[:1000])  # cut short
    assert _answers(load_language_identifier()) == _answers(packaged)


def test_the_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CACHE_DIR_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert language_model.cache_dir() == tmp_path / "textreuse"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "mine"))
    assert language_model.cache_dir() == tmp_path / "mine"
