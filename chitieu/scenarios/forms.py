"""Reading the scenario grid and pasted spreadsheet rows; every bad cell is named."""

from __future__ import annotations

import copy
from typing import Any

from chitieu.core.growth.actuals import looks_like_index
from chitieu.core.numbers import NumberError, format_number, parse_number
from chitieu.core.text import fold

QUARTERS = ("Q1", "Q2", "Q3", "Q4")


def index_question(value: Any) -> str:
    """What to ask when 107,02 is typed where a growth rate (7,02) belongs."""
    return (
        f"“{format_number(value)}” trông như chỉ số (cùng kỳ = 100), không phải tốc độ tăng: "
        f"có phải {format_number(value - 100)} %? Nhập tốc độ tăng so với cùng kỳ."
    )


def grid_to_data(post: Any, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Apply the posted grid (g_<comp>_<q>, b_<comp>_<q>, target) to a copy of the input."""
    out = copy.deepcopy(data)
    errors: dict[str, str] = {}
    for comp in out["components"]:
        for i, q in enumerate(QUARTERS):
            for prefix, key, label in (
                ("g", "growth", "tốc độ tăng"),
                ("b", "base", "giá trị gốc"),
            ):
                name = f"{prefix}_{comp}_{q}"
                if name not in post:
                    continue
                raw = post[name].strip()
                try:
                    value = parse_number(raw)
                except NumberError:
                    errors[name] = f"{comp} {q}: {label} “{raw}” không phải là số"
                    continue
                if key == "base" and value <= 0:
                    errors[name] = f"{comp} {q}: giá trị gốc phải lớn hơn 0"
                    continue
                if key == "growth" and looks_like_index(value):
                    errors[name] = f"{comp} {q}: {index_question(value)}"
                    continue
                out[key][comp][i] = str(value)
    if "target" in post and out.get("targets"):
        raw = post["target"].strip()
        try:
            target = parse_number(raw)
        except NumberError:
            errors["target"] = f"mục tiêu “{raw}” không phải là số"
        else:
            if looks_like_index(target):
                errors["target"] = f"mục tiêu: {index_question(target)}"
            else:
                out["targets"][0]["growth"] = str(target)
    if post.get("rule") in ("additive", "proportional"):
        out["rule"] = {"kind": post["rule"]}
    return out, errors


def paste_to_data(
    text: str, data: dict[str, Any], labels: dict[str, str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Rows pasted from a spreadsheet: a component (code or name) then its four quarters' growth."""
    out = copy.deepcopy(data)
    errors: dict[str, str] = {}
    by_key = {fold(code): code for code in out["components"]}
    by_key.update(
        {fold(label): code for code, label in labels.items() if code in out["components"]}
    )
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t")]
        code = by_key.get(fold(cells[0]))
        if code is None:
            errors[f"paste_{n}"] = f"Dòng {n}: không nhận ra khu vực “{cells[0]}”"
            continue
        values = [c for c in cells[1:] if c]
        if len(values) != 4:
            errors[f"paste_{n}"] = f"Dòng {n} ({cells[0]}): cần 4 quý, có {len(values)}"
            continue
        for i, raw in enumerate(values):
            try:
                value = parse_number(raw)
            except NumberError:
                errors[f"paste_{n}"] = (
                    f"Dòng {n} ({cells[0]}), {QUARTERS[i]}: “{raw}” không phải là số"
                )
                break
            if looks_like_index(value):
                errors[f"paste_{n}"] = (
                    f"Dòng {n} ({cells[0]}), {QUARTERS[i]}: {index_question(value)}"
                )
                break
            out["growth"][code][i] = str(value)
    return out, errors
