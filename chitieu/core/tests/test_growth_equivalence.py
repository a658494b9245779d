"""The engine gives exactly the results it gave before the speed work (decision 0045): the same
digits, exponents and sentences (and the same refusals) for 200 generated scenarios and 200
generated published tables, seed 004's table, and requests and tables with one thing wrong each."""

import json

import pytest

from .growth_cases import GOLDEN, check_results, solve_results

CASES = json.loads(GOLDEN.read_text(encoding="utf-8"))


def _params(kind):
    return [pytest.param(c, id=f"{kind}-{i}") for i, c in enumerate(CASES[kind])]


@pytest.mark.parametrize("case", _params("solve"))
def test_solve_gives_the_recorded_results(case):
    assert solve_results(case["input"]) == case["results"]


@pytest.mark.parametrize("case", _params("check"))
def test_check_gives_the_recorded_findings(case):
    assert check_results(case["input"]) == case["results"]


def test_the_recorded_cases_cover_every_kind_of_result():
    # given the recorded cases, then they reach solved scenarios and refusals under every rule,
    # and tables with no finding and with findings of every check, with and without base values
    solved = [c for c in CASES["solve"] if "sha256" in c["results"]]
    rules = {c["input"].get("rule", {}).get("kind") for c in solved if c["input"]["targets"]}
    assert rules == {None, "additive", "proportional", "fixed"}
    assert any("error" in c["results"] for c in CASES["solve"])
    tables = [c["results"] for c in CASES["check"] if isinstance(c["results"], list)]
    messages = [f[4] for findings in tables for f in findings]
    assert any(not findings for findings in tables)
    assert any("base" in c["input"] for c in CASES["check"])
    for words in ("quý của", "đóng góp", "tính từ giá trị", "ngoài khoảng", "nằm trong", "100 %."):
        assert any(words in m for m in messages), words
