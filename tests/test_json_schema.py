"""docs/schema/findings.schema.json: the JSON contract of every command that prints JSON (check,
claims, report), validated against their real output, and kept equal to the code's own lists."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonschema import Draft202012Validator

from claimcheck.cli import main
from claimcheck.model import claims as claim_kinds
from claimcheck.model.findings import CATEGORIES, SEVERITIES, Finding

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "schema" / "findings.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(SCHEMA)
    return Draft202012Validator(SCHEMA)


def _valid(validator: Draft202012Validator, data: Any, kind: str) -> None:
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    # and it is the kind of document expected, not another that happens to fit
    Draft202012Validator({**SCHEMA, "oneOf": [{"$ref": f"#/$defs/{kind}"}]}).validate(data)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, json.loads(out)


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture
def odd_articles(tmp_path: Path) -> Path:
    """An unreadable article, an empty one, and one with a wrong term (a fix)."""
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad\x00")
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "new.md").write_text(
        "---\ndate: 2015-09-15\n---\nVietnam and Japan upgraded their ties to an exclusive "
        "strategic partnership in 2014. More than 1,500 Japanese companies invest in Vietnam.\n",
        encoding="utf-8",
    )
    return tmp_path


def test_check_json(
    validator: Draft202012Validator, capsys: pytest.CaptureFixture[str], at_root: None
) -> None:
    code, data = _run(capsys, "check", "seeds", "--format", "json")
    assert code == 1 and data["findings"]
    _valid(validator, data, "check")
    assert data["documents"] == 5
    for f in data["findings"]:
        assert list(f)[-1] == "fingerprint"  # the contract's keys first, in their order


def test_check_json_of_bad_input_and_inferred_parts(
    validator: Draft202012Validator, capsys: pytest.CaptureFixture[str], odd_articles: Path
) -> None:
    _, data = _run(
        capsys, "check", str(odd_articles), "--rules", str(ROOT / "rules"), "--format", "json"
    )
    _valid(validator, data, "check")
    assert {f["category"] for f in data["findings"]} >= {"document", "term"}
    assert any("fix" in f for f in data["findings"])
    # a finding with inferred parts, through the same formatter
    from claimcheck.reports import get
    from claimcheck.rulebook import Rulebook
    from claimcheck.run.result import Result

    f = Finding(
        "rank-contradicts-fact",
        "rank",
        "warning",
        "a.md",
        1,
        1,
        1,
        4,
        "m",
        inferred=(("period", "publication-date"),),
    )
    out = get("json")(Result([], {}, [f], Rulebook()))
    data = json.loads(out)
    _valid(validator, data, "check")
    assert data["findings"][0]["inferred"] == {"period": "publication-date"}


@pytest.mark.parametrize("unparsed", [False, True])
def test_claims_json(
    validator: Draft202012Validator,
    capsys: pytest.CaptureFixture[str],
    at_root: None,
    unparsed: bool,
) -> None:
    _, data = _run(
        capsys,
        "claims",
        "seeds",
        "--rules",
        "rules",
        "--format",
        "json",
        *(["--unparsed"] if unparsed else []),
    )
    _valid(validator, data, "claims")
    # `documents` is a count, as in `check`; the list is `articles`
    assert data["documents"] == len(data["articles"]) == 5
    assert ("unparsed" in data["articles"][0]) == unparsed
    kinds = {c["kind"] for a in data["articles"] for c in a["claims"]}
    assert {"title", "quantity", "rank", "term"} <= kinds


def test_claims_json_with_problems(
    validator: Draft202012Validator, capsys: pytest.CaptureFixture[str], odd_articles: Path
) -> None:
    _, data = _run(
        capsys,
        "claims",
        str(odd_articles),
        "--rules",
        str(ROOT / "rules"),
        "--format",
        "json",
        "--unparsed",
    )
    _valid(validator, data, "claims")
    assert data["problems"] and all(re.match(r".+:\d+:\d+: ", p) for p in data["problems"])
    assert data["documents"] == len(data["articles"]) == 2  # the unreadable one is a problem
    assert any(c["kind"] == "term" for a in data["articles"] for c in a["claims"])


def test_report_json(
    validator: Draft202012Validator, capsys: pytest.CaptureFixture[str], at_root: None
) -> None:
    _, data = _run(capsys, "report", "seeds", "--format", "json")
    _valid(validator, data, "report")
    assert data["documents"] == 5 and data["groups"]


def test_the_schema_can_fail(
    validator: Draft202012Validator, capsys: pytest.CaptureFixture[str], at_root: None
) -> None:
    _, data = _run(capsys, "claims", "seeds", "--rules", "rules", "--format", "json")
    old = {**data, "documents": data["articles"]}  # the list under `documents`, as before 0.2
    del old["articles"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(old)
    _, check = _run(capsys, "check", "seeds", "--format", "json")
    del check["findings"][0]["fingerprint"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(check)


def test_the_schema_lists_what_the_code_does() -> None:
    d = SCHEMA["$defs"]
    assert d["finding"]["properties"]["category"]["enum"] == list(CATEGORIES)
    assert d["finding"]["properties"]["severity"]["enum"] == list(SEVERITIES)
    assert d["claimBody"]["properties"]["kind"]["enum"] == list(claim_kinds.KINDS)
    f = Finding("x", "term", "error", "a.md", 1, 1, 1, 2, "m", fix="y", inferred=(("p", "h"),))
    keys = [*f.to_json(), "fingerprint"]
    assert keys == [k for k in keys if k in d["finding"]["properties"]]
    assert set(d["finding"]["required"]) == set(keys) - {"fix", "inferred"}
