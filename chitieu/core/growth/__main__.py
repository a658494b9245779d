"""python -m chitieu.core.growth solve FILE.json | check FILE.json — prints JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .checks import check_table
from .model import GrowthError
from .report import solve_request


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chitieu.core.growth")
    parser.add_argument("command", choices=["solve", "check"])
    parser.add_argument("file", type=Path, help="tệp JSON đầu vào, hoặc - để đọc từ stdin")
    args = parser.parse_args(argv)
    try:
        text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        print(
            json.dumps(
                {"error": f"không đọc được {args.file}: {exc}", "field": None}, ensure_ascii=False
            )
        )
        return 2
    if not isinstance(data, dict):
        print(json.dumps({"error": "cần một đối tượng JSON", "field": None}, ensure_ascii=False))
        return 2
    try:
        if args.command == "solve":
            out = solve_request(data)
        else:
            findings = check_table(data)
            out = {"consistent": not findings, "findings": [f.as_dict() for f in findings]}
    except GrowthError as exc:
        print(json.dumps({"error": exc.message, "field": exc.field}, ensure_ascii=False))
        return 2
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
