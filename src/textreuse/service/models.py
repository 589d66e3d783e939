"""The request and response bodies of the HTTP API, as the OpenAPI schema shows them."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from textreuse.aligner import AlignSettings
from textreuse.archive import DEFAULT_CANDIDATES, DEFAULT_TOP

MAX_SOURCES = 50
"""Most sources one POST /compare may align against (each within the text limit)."""
LANGUAGE_PATTERN = "^[a-z]{2,3}$"
LANGUAGE_HELP = "The texts' language (ISO 639-1, e.g. de, zh); identified in each by default."


class TextIn(BaseModel):
    """A document: plain ``text``, or an HTML page in ``html`` whose main text is used."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="Plain text; offsets refer to it.")
    html: str | None = Field(
        None, description="An HTML page; its main text is extracted and offsets refer to that."
    )
    name: str | None = Field(None, max_length=500, description="Shown in reports.")


class CompareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    derived: TextIn = Field(description="The document suspected of reuse.")
    source: TextIn | None = Field(None, description="The document it may have reused.")
    sources: list[TextIn] | None = Field(
        None,
        min_length=1,
        max_length=MAX_SOURCES,
        description=(
            "Instead of source: several documents it may have reused; the answer is then a "
            "query report, each reused character attributed to the source that explains it best."
        ),
    )
    min_chars: Annotated[int, Field(ge=1, le=100_000)] = AlignSettings().min_passage_chars
    semantic: bool = Field(
        False, description="Also match sentences by meaning (needs the 'semantic' extra)."
    )
    include_text: bool = Field(
        False, description="Add each document's full text (as aligned) to the report."
    )
    language: str | None = Field(None, pattern=LANGUAGE_PATTERN, description=LANGUAGE_HELP)


class QueryIn(TextIn):
    date: str | None = Field(None, description="When the document was published (ISO 8601).")
    top: Annotated[int, Field(ge=1, le=100)] = DEFAULT_TOP
    candidates: Annotated[int, Field(ge=1, le=100)] = DEFAULT_CANDIDATES
    min_chars: Annotated[int, Field(ge=1, le=100_000)] = AlignSettings().min_passage_chars
    semantic: bool = False
    include_text: bool = Field(False, description="Add the document's full text to the report.")
    language: str | None = Field(None, pattern=LANGUAGE_PATTERN, description=LANGUAGE_HELP)


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1, max_length=1000)
    text: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    date: str | None = Field(None, description="ISO 8601 date or date-time.")


class DocumentsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[DocumentIn] = Field(min_length=1)
    language: str | None = Field(None, pattern=LANGUAGE_PATTERN, description=LANGUAGE_HELP)


class DocumentOut(BaseModel):
    id: str
    text: str = Field(description="The text as stored, offsets counting its code points.")
    length: int = Field(description="The text's length in code points.")
    title: str | None
    url: str | None
    source: str | None
    date: str | None


class AddedOut(BaseModel):
    added: int
    updated: int
    documents: int = Field(description="Documents in the archive after the request.")


class ErrorOut(BaseModel):
    """Every error answer: a one-line ``detail``, and for malformed requests the
    individual ``errors`` (where in the body, what is wrong)."""

    detail: str
    errors: list[dict[str, Any]] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": meaning}
    for code, meaning in (
        (400, "The body is not JSON."),
        (408, "The work took longer than the server's time limit."),
        (409, "The server has no archive."),
        (413, "The body is over the server's size limit."),
        (422, "The request is malformed, or a document is empty, binary or too long."),
    )
}


class HealthOut(BaseModel):
    status: str
    version: str
    archive_documents: int | None
    semantic: bool = Field(description="Whether 'semantic': true can be asked for here.")
