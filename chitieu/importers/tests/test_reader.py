"""Bad input is refused at once with a Vietnamese message naming the file and what is wrong."""

import io
import unicodedata
import zipfile

import pytest

from chitieu.conftest import SEED_000, SEED_001
from chitieu.importers import ImportError_, read_document
from chitieu.importers.reader import Limits


def test_empty_file(directory):
    with pytest.raises(ImportError_, match="a.txt: tệp rỗng"):
        read_document(b"", "a.txt", directory)


def test_file_over_the_size_limit(directory):
    with pytest.raises(ImportError_, match=r"big.pdf: tệp nặng .* vượt giới hạn"):
        read_document(b"%PDF" + b"0" * 2048, "big.pdf", directory, Limits(max_bytes=1024))


def test_corrupt_pdf(directory):
    with pytest.raises(ImportError_, match="bad.pdf: tệp PDF bị hỏng"):
        read_document(b"%PDF-1.7 this is not a pdf", "bad.pdf", directory)


def test_corrupt_office_file(directory):
    with pytest.raises(ImportError_, match="bad.docx: tệp Office bị hỏng"):
        read_document(b"PK\x03\x04 broken", "bad.docx", directory)


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_office_file_with_too_many_entries(directory):
    data = _zip({f"word/x{i}.xml": b"<a/>" for i in range(30)})
    with pytest.raises(ImportError_, match="many.docx: tệp chứa 30 thành phần, vượt giới hạn 20"):
        read_document(data, "many.docx", directory, Limits(max_entries=20))


def test_office_file_that_unpacks_too_large(directory):
    data = _zip({"word/document.xml": b"<" + b"a" * 5_000_000 + b"/>"})
    with pytest.raises(ImportError_, match="bomb.docx: .*nén bất thường"):
        read_document(data, "bomb.docx", directory)
    with pytest.raises(ImportError_, match="bomb.docx: khi giải nén tệp nặng"):
        read_document(
            data, "bomb.docx", directory, Limits(max_unpacked_bytes=1_000_000, max_ratio=10**9)
        )


def test_zip_that_is_neither_word_nor_excel(directory):
    with pytest.raises(ImportError_, match="other.docx: tệp nén không phải Word"):
        read_document(_zip({"hello.txt": b"hi"}), "other.docx", directory)


def test_old_binary_office_format(directory):
    with pytest.raises(ImportError_, match="old.doc: định dạng Office cũ"):
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc", directory)


def test_binary_of_unknown_kind(directory):
    with pytest.raises(ImportError_, match="x.bin: định dạng không được hỗ trợ"):
        read_document(b"\x00\x01\x02" * 50, "x.bin", directory)


def test_text_that_is_not_utf8(directory):
    with pytest.raises(ImportError_, match="cp.txt: .*UTF-8"):
        read_document(
            "TT\tChỉ tiêu\tĐơn vị".encode("latin-1", "ignore") + b"\xff\xfe\x80",
            "cp.txt",
            directory,
        )


def test_text_without_a_table_header(directory):
    with pytest.raises(ImportError_, match="note.txt: không tìm thấy dòng tiêu đề bảng"):
        read_document("Một văn bản không có bảng.".encode(), "note.txt", directory)


def test_unreadable_row_is_reported_with_its_line_and_raw_text(directory, seed_bytes):
    text = seed_bytes(SEED_000).decode().replace("\t75,5\t", "\tbảy lăm\t")
    doc = read_document(text.encode(), "sua.txt", directory)
    row = next(r for r in doc.rows if r.no == "12")
    assert row.error.startswith("mục tiêu không đọc được")
    assert "bảy lăm" in row.raw
    assert any(w.startswith("Dòng 30: mục tiêu không đọc được") for w in doc.warnings)


def test_unknown_agency_is_kept_for_review_not_dropped(directory, seed_bytes):
    text = seed_bytes(SEED_000).decode().replace("\tSở Nội vụ\t", "\tSở Ngoại giao mới\t", 1)
    doc = read_document(text.encode(), "x.txt", directory)
    row = next(r for r in doc.rows if r.no == "14")
    assert row.lead == []
    assert row.unresolved == ["Sở Ngoại giao mới"]
    assert any("không nhận ra cơ quan “Sở Ngoại giao mới”" in w for w in doc.warnings)


@pytest.mark.parametrize("seed", [SEED_000, SEED_001])
def test_nfd_and_nfc_copies_read_the_same(directory, seed_bytes, seed):
    nfc = seed_bytes(seed)
    nfd = unicodedata.normalize("NFD", nfc.decode()).encode()
    a = read_document(nfc, seed, directory).as_dict()
    b = read_document(nfd, seed, directory).as_dict()
    a["document"].pop("checksum"), b["document"].pop("checksum")
    assert a == b
