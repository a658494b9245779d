"""Document readers: files in, neutral records out. No Django here (import-linter checks)."""

from .reader import LIMITS, Limits, check_office_file, read_document
from .records import Document, ImportError_, Row

__all__ = [
    "LIMITS",
    "Document",
    "ImportError_",
    "Limits",
    "Row",
    "check_office_file",
    "read_document",
]
