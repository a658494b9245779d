"""Reading the scenario grid and pasted spreadsheet rows; every bad cell is named."""

from __future__ import annotations

import copy
from typing import Any

from chitieu.core.numbers import NumberError, parse_number
from chitieu.core.text import fold

QUARTERS = ("Q1", "Q2", "Q3", "Q4")


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
                out[key][comp][i] = str(value)
    if "target" in post and out.get("targets"):
        raw = post["target"].strip()
        try:
            out["targets"][0]["growth"] = str(parse_number(raw))
        except NumberError:
            errors["target"] = f"mục tiêu “{raw}” không phải là số"
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
                out["growth"][code][i] = str(parse_number(raw))
            except NumberError:
                errors[f"paste_{n}"] = (
                    f"Dòng {n} ({cells[0]}), {QUARTERS[i]}: “{raw}” không phải là số"
                )
                break
    return out, errors
