"""Choose the reader for a file, after refusing what is too large, corrupt or dangerous."""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from .agencies import Directory
from .cellines import looks_like_cell_lines, read_cell_lines
from .columns import Mapping
from .office import read_docx, read_pdf, read_xlsx
from .pdftext import read_pdf_text
from .prose import read_prose
from .records import Document, ImportError_
from .tablemodel import read_tables
from .tabular import read_tab_text
from .webpage import read_html_tables


def statistics_workbook(text: str) -> str:
    """Why a text is a statistics office's data workbook and not a plan, or "" if it is not."""
    head = text[:3000]
    if ("Thống kê" in head or "GSO" in head) and ("SHEET:" in head or "Biểu số liệu" in head):
        return (
            "đây là biểu số liệu thống kê (GDP theo quý của cơ quan thống kê), không phải "
            "kế hoạch có chỉ tiêu; không nhập thành mục tiêu — hãy dùng chức năng nhập số liệu thực hiện."
        )
    return ""


@dataclass(frozen=True)
class Limits:
    """What a file may weigh before it is refused unread."""

    max_bytes: int = 20 * 1024 * 1024
    max_unpacked_bytes: int = 100 * 1024 * 1024  # an Office file is a zip: guard against bombs
    max_entries: int = 2000
    max_ratio: int = 200  # unpacked / packed size of one entry


LIMITS = Limits()
SUPPORTED = (".txt", ".tsv", ".docx", ".xlsx", ".pdf", ".html", ".htm")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _check_zip(data: bytes, name: str, limits: Limits) -> None:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportError_(f"{name}: tệp Office bị hỏng (không phải tệp nén hợp lệ).") from exc
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise ImportError_(
            f"{name}: tệp chứa {len(infos)} thành phần, vượt giới hạn {limits.max_entries}; bị từ chối."
        )
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked_bytes:
        raise ImportError_(
            f"{name}: khi giải nén tệp nặng {_mb(total)}, vượt giới hạn {_mb(limits.max_unpacked_bytes)}; bị từ chối."
        )
    for i in infos:
        if i.compress_size and i.file_size / i.compress_size > limits.max_ratio:
            raise ImportError_(
                f"{name}: thành phần “{i.filename}” nén bất thường (tỷ lệ {i.file_size // i.compress_size}:1); bị từ chối."
            )


def check_office_file(data: bytes, name: str, limits: Limits = LIMITS) -> None:
    """Refuse an Office (zip) file that is empty, too heavy, or a zip bomb, before anything opens it.

    The same guards as :func:`read_document`, for callers with a reader of their own (the figures'
    Excel upload)."""
    if not data:
        raise ImportError_(f"{name}: tệp rỗng.")
    if len(data) > limits.max_bytes:
        raise ImportError_(
            f"{name}: tệp nặng {_mb(len(data))}, vượt giới hạn {_mb(limits.max_bytes)}; bị từ chối."
        )
    _check_zip(data, name, limits)


def _decode(data: bytes, name: str) -> str:
    for enc in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        return unicodedata.normalize("NFC", text)
    raise ImportError_(f"{name}: tệp văn bản không ở mã UTF-8; hãy lưu lại với mã UTF-8.")


def _docx_text(data: bytes) -> str:
    import docx  # python-docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _pdf_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _prose_instead(
    no_table: ImportError_, text_of: Callable[[], str], doc: Document, directory: Directory
) -> Document:
    """No table header: the plan may state its targets in prose. If the prose reader finds none
    either (or the file cannot give its text), the table reader's refusal stands."""
    try:
        text = unicodedata.normalize("NFC", text_of())
    except Exception:  # a file the table reader already found corrupt: its message says why
        raise no_table from None
    fresh = Document(source_name=doc.source_name, checksum=doc.checksum, layout="prose")
    try:
        return read_prose(text, fresh, directory)
    except ImportError_:
        raise no_table from None


def read_document(
    data: bytes,
    name: str,
    directory: Directory | None = None,
    limits: Limits = LIMITS,
    mappings: dict[str, Mapping] | None = None,
) -> Document:
    """Read one appendix file into a :class:`Document`; raise :class:`ImportError_` to refuse it.

    ``mappings`` re-reads tables with the column roles a person chose in the preview (keyed
    by the table's label in ``Document.tables``); without it the reader's proposal is used.
    """
    doc = _read(data, name, directory, limits, mappings)
    if not doc.rows:
        raise ImportError_(
            f"{name}: bảng có dòng tiêu đề nhưng không có dòng chỉ tiêu nào (chỉ có tiêu đề, "
            "tên phần hoặc ghi chú); không có gì để nhập."
        )
    for row in doc.rows:
        # The province's own layouts have one target column: its period is the plan's.
        row.period = row.period or doc.period_code
        row.source = row.source or row.target_text
    return doc


def _read(
    data: bytes,
    name: str,
    directory: Directory | None,
    limits: Limits,
    mappings: dict[str, Mapping] | None,
) -> Document:
    directory = directory or Directory.default()
    if not data:
        raise ImportError_(f"{name}: tệp rỗng.")
    if len(data) > limits.max_bytes:
        raise ImportError_(
            f"{name}: tệp nặng {_mb(len(data))}, vượt giới hạn {_mb(limits.max_bytes)}; bị từ chối."
        )
    doc = Document(source_name=name, checksum=hashlib.sha256(data).hexdigest(), layout="")
    lower = name.lower()
    if data.startswith(b"%PDF"):
        doc.layout = "pdf"
        try:
            return read_pdf(data, doc, directory, mappings)
        except ImportError_ as no_table:
            return _prose_instead(no_table, lambda: _pdf_text(data), doc, directory)
    if data.startswith(b"PK\x03\x04") or lower.endswith((".docx", ".xlsx")):
        _check_zip(data, name, limits)
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        if "word/document.xml" in names:
            doc.layout = "docx"
            try:
                return read_docx(data, doc, directory, mappings)
            except ImportError_ as no_table:
                return _prose_instead(no_table, lambda: _docx_text(data), doc, directory)
        if "xl/workbook.xml" in names:
            doc.layout = "xlsx"
            return read_xlsx(data, doc, directory, mappings)
        raise ImportError_(f"{name}: tệp nén không phải Word (.docx) hay Excel (.xlsx).")
    if lower.endswith((".doc", ".xls")) or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportError_(
            f"{name}: định dạng Office cũ (.doc/.xls) chưa được hỗ trợ; hãy lưu lại thành .docx/.xlsx."
        )
    if lower.endswith(SUPPORTED[:2] + SUPPORTED[5:]) or b"\x00" not in data[:4096]:
        text = _decode(data, name)
        if why := statistics_workbook(text):
            raise ImportError_(f"{name}: {why}")
        try:
            if lower.endswith((".html", ".htm")) or text.lstrip()[:1] == "<":
                doc.layout = "html"
                return read_tables(read_html_tables(text), doc, directory, mappings)
            if looks_like_cell_lines(text):
                doc.layout = "cell-lines"
                return read_tables(read_cell_lines(text), doc, directory, mappings)
            if any("\t" in line and "chỉ tiêu" in line.lower() for line in text.splitlines()):
                doc.layout = "tab"
                return read_tab_text(text, doc, directory, mappings)
            doc.layout = "pdf-text"
            return read_pdf_text(text, doc, directory)
        except ImportError_ as no_table:
            return _prose_instead(no_table, lambda: text, doc, directory)
    raise ImportError_(f"{name}: định dạng không được hỗ trợ; chỉ nhận {', '.join(SUPPORTED)}.")
