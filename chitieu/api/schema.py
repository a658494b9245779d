"""The v1 schema states its error answers: every operation may answer the common error shape."""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "description": "Lỗi: thông điệp cho người đọc và trường liên quan (null: cả yêu cầu).",
    "properties": {
        "message": {"type": "string"},
        "field": {"type": "string", "nullable": True},
    },
    "required": ["message", "field"],
}
ERRORS = {
    "400": "Yêu cầu không hợp lệ (tham số, bộ lọc hay dữ liệu gửi lên).",
    "401": "Chưa đăng nhập hoặc mã (token) không đúng.",
    "403": "Không có quyền.",
    "404": "Không tìm thấy.",
    "405": "Phương thức không được phép.",
    "406": "Định dạng trả về không hỗ trợ.",
    "409": "Lần sửa (revision) đã cũ: không có gì thay đổi.",
    "415": "Kiểu nội dung gửi lên không hỗ trợ.",
}


def error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> Any:
    """drf-spectacular post-processing hook: add the error answers to every /api/v1/ operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    ref = {"$ref": "#/components/schemas/Error"}
    for path, item in result.get("paths", {}).items():
        if not path.startswith("/api/v1/"):
            continue
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = op.setdefault("responses", {})
            for code, text in ERRORS.items():
                responses.setdefault(
                    code, {"description": text, "content": {"application/json": {"schema": ref}}}
                )
    return result
