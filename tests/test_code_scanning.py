"""Code scanning: SARIF as GitHub ingests it (the fields its documentation requires, paths from the
repository root, fingerprints, rule help from `claimcheck explain`), and GitLab Code Quality JSON
(the fields GitLab's documentation lists)."""

from __future__ import annotations

import email.message
import gzip
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import RIGHT, WRONG, Newsroom, article
from jsonschema.validators import validator_for

from claimcheck import checks
from claimcheck.cli import main
from claimcheck.reports import sarif

REPO_ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = REPO_ROOT.parent / "shared" / "data" / "sarif-schema-2.1.0.json"

# GitHub's "SARIF support for code scanning" (docs.github.com): the properties it requires, and
# its upload limits, as a check of our own. Required: `version` 2.1.0 and `runs`; a run's
# `tool.driver.name` and `results`; a rule's `id`, `shortDescription.text`,
# `fullDescription.text` and `help.text` (at most 1024 characters for the descriptions); a result's
# `ruleId`, `message.text`, `locations` (one, with `physicalLocation.artifactLocation.uri` and
# `region.startLine`) and `partialFingerprints` (its own, so that the upload does not compute
# one from the file); a URI relative to the repository root, or resolved through
# `originalUriBaseIds`. Limits: 20 runs, 25,000 rules and 25,000 results per run, 20 tags per rule,
# 1,000 locations (and related locations) per result, 10 MB gzipped.
LIMITS = {"runs": 20, "rules": 25_000, "results": 25_000, "tags": 20, "locations": 1_000}
GZIP_LIMIT = 10 * 1024 * 1024


def github_problems(log: dict[str, Any], root: Path) -> list[str]:
    """What GitHub's documented ingestion rules reject or cannot place, in a SARIF log."""
    out: list[str] = []
    if log.get("version") != "2.1.0" or not isinstance(log.get("runs"), list):
        return ["version 2.1.0 and runs are required"]
    if len(log["runs"]) > LIMITS["runs"]:
        out.append("too many runs")
    if len(gzip.compress(json.dumps(log).encode())) > GZIP_LIMIT:
        out.append("larger than 10 MB gzipped")
    for run in log["runs"]:
        driver = run.get("tool", {}).get("driver", {})
        if not driver.get("name"):
            out.append("tool.driver.name is required")
        rules = driver.get("rules", [])
        if len(rules) > LIMITS["rules"] or len(run.get("results", [])) > LIMITS["results"]:
            out.append("too many rules or results")
        for rule in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                text = rule.get(key, {}).get("text", "")
                if not text or (key != "help" and len(text) > 1024):
                    out.append(f"{rule.get('id')}: {key}.text missing or over 1024 characters")
            if not rule.get("id") or len(rule.get("properties", {}).get("tags", [])) > 20:
                out.append(f"{rule.get('id')}: no id, or over 20 tags")
        bases = run.get("originalUriBaseIds", {})
        for base in bases.values():
            if not re.fullmatch(r"file:///\S*/", base.get("uri", "")):
                out.append(f"a base URI must be an absolute file URI ending in /: {base}")
        for res in run.get("results", []):
            out.extend(_result_problems(res, rules, bases, root))
    return out


def _result_problems(
    res: dict[str, Any], rules: list[dict[str, Any]], bases: dict[str, Any], root: Path
) -> list[str]:
    out = []
    if not res.get("ruleId") or not res.get("message", {}).get("text"):
        out.append("ruleId and message.text are required")
    if "ruleIndex" in res and rules[res["ruleIndex"]]["id"] != res["ruleId"]:
        out.append("ruleIndex names another rule")
    fingerprints = res.get("partialFingerprints")
    if not fingerprints or not all(isinstance(v, str) and v for v in fingerprints.values()):
        out.append("partialFingerprints missing")
    locations = res.get("locations", [])
    if len(locations) != 1 or len(res.get("relatedLocations", [])) > LIMITS["locations"]:
        out.append("one location is expected")
    for loc in [*locations, *res.get("relatedLocations", [])]:
        physical = loc.get("physicalLocation", {})
        artifact = physical.get("artifactLocation", {})
        if not artifact.get("uri") or not physical.get("region", {}).get("startLine"):
            out.append("artifactLocation.uri and region.startLine are required")
            continue
        if "uriBaseId" in artifact:
            if artifact["uriBaseId"] not in bases or artifact["uri"].startswith(("/", "file:")):
                out.append(f"{artifact}: a base id must be defined and its URI relative")
        elif not artifact["uri"].startswith("file:///") or root.as_uri() in artifact["uri"]:
            out.append(f"{artifact}: a path in the repository must be relative to its root")
    return out


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _sarif(newsroom: Newsroom, *argv: str) -> dict[str, Any]:
    run = newsroom.run("check", *argv, "--format", "sarif")
    assert run.code == 1, run.err
    data: dict[str, Any] = json.loads(run.out)
    return data


@pytest.fixture
def repo(newsroom: Newsroom) -> Newsroom:
    """A newsroom repository: a wrong article in news/, two right ones in news/2015/."""
    (newsroom.root / ".git").mkdir()
    newsroom.write("news/wrong.md", article(WRONG))
    newsroom.write("news/2015/right.md", article(RIGHT))
    newsroom.write("news/2015/also right.md", article(RIGHT))
    return newsroom


def _uris(log: dict[str, Any]) -> list[dict[str, str]]:
    return [
        loc["physicalLocation"]["artifactLocation"]
        for res in log["runs"][0]["results"]
        for loc in [*res["locations"], *res.get("relatedLocations", [])]
    ]


def test_sarif_paths_are_from_the_repository_root_wherever_it_runs(
    repo: Newsroom, monkeypatch: pytest.MonkeyPatch, sarif_validator: Any
) -> None:
    from_root = _sarif(repo, "news")
    monkeypatch.chdir(repo.root / "news")
    from_sub = _sarif(repo, ".")
    assert _uris(from_root) == _uris(from_sub)
    assert {"uri": "news/wrong.md", "uriBaseId": sarif.SRCROOT} in _uris(from_root)
    assert {"uri": "rules/terms.yaml", "uriBaseId": sarif.SRCROOT} in _uris(from_root)
    bases = from_sub["runs"][0]["originalUriBaseIds"]
    assert bases == {
        sarif.SRCROOT: {
            "uri": repo.root.resolve().as_uri() + "/",
            "description": {"text": "the repository root"},
        }
    }
    for log in (from_root, from_sub):
        sarif_validator.validate(log)
        assert github_problems(log, repo.root) == []


def test_sarif_a_file_outside_the_repository_is_an_absolute_uri(
    repo: Newsroom, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere" / "x y.md"
    outside.parent.mkdir()
    outside.write_text(article(WRONG), encoding="utf-8")
    log = _sarif(repo, str(outside), "--config", ".claimcheck.yaml")
    assert {"uri": outside.resolve().as_uri()} in _uris(log)
    assert github_problems(log, repo.root) == []


def test_sarif_without_a_repository_the_working_directory_is_the_root(
    newsroom: Newsroom,
) -> None:
    newsroom.write("a.md", article(WRONG))
    assert sarif.repository_root() in (newsroom.root.resolve(), *newsroom.root.resolve().parents)
    log = _sarif(newsroom, "a.md")
    base = log["runs"][0]["originalUriBaseIds"][sarif.SRCROOT]["uri"]
    root = Path.from_uri(base) if hasattr(Path, "from_uri") else Path(base[len("file://") :])
    assert (root / _uris(log)[0]["uri"]).resolve() == (newsroom.root / "a.md").resolve()


def test_sarif_fingerprints_are_the_baselines_and_survive_moved_lines(repo: Newsroom) -> None:
    first = _sarif(repo, "news/wrong.md")["runs"][0]["results"]
    baseline = repo.run("check", "news/wrong.md", "--write-baseline", "b.json")
    assert baseline.code == 0
    recorded = {
        e["fingerprint"] for e in json.loads((repo.root / "b.json").read_text())["findings"]
    }
    assert {r["partialFingerprints"][sarif.FINGERPRINT] for r in first} == recorded
    repo.write("news/wrong.md", article("A new first paragraph.\n\n" + WRONG))
    moved = _sarif(repo, "news/wrong.md")["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in moved] == [r["partialFingerprints"] for r in first]
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in (*first, *moved)]
    assert lines[0] != lines[len(first)]


def test_sarif_rule_help_is_explain_with_the_rule_files_examples(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sarif_validator: Any
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.setattr(sarif, "docs_url", lambda: "https://docs.example.org/checks.html")
    assert main(["check", "seeds", "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    sarif_validator.validate(log)
    assert github_problems(log, REPO_ROOT) == []
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    checks.load_engines()
    assert set(rules) == set(checks.RULES)
    for rule_id in ("term-wrong-variant", "arithmetic-fold-change", "document-binary"):
        assert main(["explain", rule_id, "--rules", "rules"]) == 0
        explained = capsys.readouterr().out
        rule = rules[rule_id]
        assert rule["help"]["markdown"] == explained  # one text, never a second copy
        assert rule["help"]["text"] == rule["help"]["markdown"]
        assert rule["helpUri"] == f"https://docs.example.org/checks.html#{rule_id}"
        summary = checks.RULES[rule_id].summary
        assert rule["shortDescription"]["text"] == summary
        full = rule["fullDescription"]["text"]
        assert full.startswith(f"{summary[0].upper()}{summary[1:]}.") and len(full) <= 1024
    assert "Triggers:" in rules["term-wrong-variant"]["help"]["markdown"]
    # the engine's first paragraph follows the summary
    assert "People engine" in rules["title-no-such-office"]["fullDescription"]["text"]


def test_sarif_help_uri_from_the_packages_checks_url(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    meta = email.message.Message()
    meta["Project-URL"] = "Homepage, https://example.org/claimcheck"
    meta["Project-URL"] = "Checks, https://example.org/claimcheck/docs/checks.md"
    monkeypatch.setattr(metadata, "metadata", lambda name: meta)
    assert sarif.docs_url() == "https://example.org/claimcheck/docs/checks.md"
    del meta["Project-URL"]
    meta["Project-URL"] = (
        "Checks, docs/checks.md"  # not absolute: no helpUri rather than a wrong one
    )
    assert sarif.docs_url() is None


def test_sarif_without_a_checks_url_has_no_help_uri(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.setattr(sarif, "docs_url", lambda: None)
    main(["check", "seeds/002_b1a0ac73797f4e60.txt", "--format", "sarif"])
    rules = json.loads(capsys.readouterr().out)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and not any("helpUri" in r for r in rules)


def test_sarif_help_uri_from_the_configs_checks_url(
    monkeypatch: pytest.MonkeyPatch, newsroom: Newsroom
) -> None:
    """A newsroom that publishes docs/checks.md names it in the config; a relative address gives
    no helpUri rather than a wrong one."""
    monkeypatch.setattr(sarif, "docs_url", lambda: None)
    newsroom.write("a.md", article(WRONG))
    for url, want in (("https://desk.example.org/checks.html", True), ("docs/checks.md", False)):
        config = (newsroom.root / ".claimcheck.yaml").read_text(encoding="utf-8")
        kept = "".join(x for x in config.splitlines(True) if not x.startswith("checks_url"))
        newsroom.write(".claimcheck.yaml", kept + f"checks_url: {url}\n")
        rules = _sarif(newsroom, "a.md")["runs"][0]["tool"]["driver"]["rules"]
        uris = {r["id"]: r.get("helpUri") for r in rules}
        if want:
            assert uris["term-wrong-variant"] == f"{url}#term-wrong-variant"
        else:
            assert not any(uris.values())


def test_github_ingestion_check_can_fail(repo: Newsroom) -> None:
    log = _sarif(repo, "news")
    assert github_problems(log, repo.root) == []
    res = log["runs"][0]["results"][0]
    del res["partialFingerprints"]
    res["locations"][0]["physicalLocation"]["artifactLocation"] = {
        "uri": "news/x.md",
        "uriBaseId": "NOPE",
    }
    log["runs"][0]["tool"]["driver"]["rules"][0]["fullDescription"]["text"] = "x" * 1025
    assert len(github_problems(log, repo.root)) == 3


# ---------------------------------------------------------------- GitLab Code Quality

# GitLab's "Code Quality" documentation, the report format: an array of objects with
# `description`, `check_name`, `fingerprint` (unique: GitLab shows one issue per fingerprint),
# `severity` (info, minor, major, critical, blocker) and `location.path` (relative to the
# repository) with `location.lines.begin` (or `location.positions.begin.line`).
GITLAB = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": r"^(?![/.]/?)[^\\]+$"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def _gitlab(newsroom: Newsroom, *argv: str) -> list[dict[str, Any]]:
    run = newsroom.run("check", *argv, "--format", "gitlab")
    data: list[dict[str, Any]] = json.loads(run.out)
    jsonschema.validate(data, GITLAB)
    fingerprints = [i["fingerprint"] for i in data]
    assert len(set(fingerprints)) == len(fingerprints)
    return data


def test_gitlab_documented_fields(repo: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.write("news/twice.md", article(f"{WRONG}\n\n{WRONG}\n", url="https://x.org/a"))
    json_run = repo.check("news")
    data = _gitlab(repo, "news")
    assert len(data) == len(json_run.findings) > 2
    for issue, f in zip(data, json_run.findings, strict=True):
        assert issue["check_name"] == f["rule"]
        assert issue["description"] == f["message"]
        assert (
            issue["severity"]
            == {"error": "major", "warning": "minor", "info": "info"}[f["severity"]]
        )
        assert issue["location"] == {
            "path": f["path"],
            "lines": {"begin": f["line"], "end": f["end_line"]},
        }
    twice = [i for i in data if i["location"]["path"] == "news/twice.md"]
    assert len(twice) == 2 and twice[0]["fingerprint"] == json_run.findings[1]["fingerprint"]
    # from a subfolder, the same paths (from the repository root) and lines; the fingerprints
    # are the baseline's, which has the path as given (run CI from one folder)
    monkeypatch.chdir(repo.root / "news")
    assert [i["location"] for i in _gitlab(repo, ".")] == [i["location"] for i in data]


def test_gitlab_fingerprints_survive_moved_lines(repo: Newsroom) -> None:
    repo.write("news/twice.md", article(f"{WRONG}\n\n{WRONG}\n"))
    first = _gitlab(repo, "news/twice.md")
    repo.write("news/twice.md", article(f"Intro.\n\n{WRONG}\n\nMore.\n\n{WRONG}\n"))
    moved = _gitlab(repo, "news/twice.md")
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in first]
    assert [i["location"]["lines"]["begin"] for i in moved] != [
        i["location"]["lines"]["begin"] for i in first
    ]


def test_gitlab_zero_findings_is_an_empty_array(repo: Newsroom) -> None:
    run = repo.run("check", "news/2015", "--format", "gitlab")
    assert (run.code, run.out) == (0, "[]\n")


def test_gitlab_format_is_listed_by_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    assert re.search(r"--format \{[a-z,]*gitlab[a-z,]*\}", capsys.readouterr().out)


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
def test_diff_with_a_machine_format_is_exit_2(repo: Newsroom, fmt: str) -> None:
    run = repo.run("check", "news/wrong.md", "--diff", "--format", fmt)
    assert run.code == 2 and run.out == ""
    assert "--diff" in run.err and fmt in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert os.path.getsize(repo.root / "news" / "wrong.md") > 0
