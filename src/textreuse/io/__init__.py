"""Reading input: single documents (text and HTML pages) and collections of records."""

from textreuse.io.documents import (
    DEFAULT_MAX_BYTES,
    document_from_bytes,
    read_document,
    read_record,
)
from textreuse.io.records import jsonl_objects, read_records

__all__ = [
    "DEFAULT_MAX_BYTES",
    "document_from_bytes",
    "jsonl_objects",
    "read_document",
    "read_record",
    "read_records",
]
