"""Suppression comments in Markdown, and the baseline of known findings (by fingerprint)."""

from __future__ import annotations

import json

from conftest import RIGHT, WRONG, Newsroom, article

# another claim: the wrong variant extended to the full name ("... for Peace and Prosperity ...")
OTHER = "The exclusive strategic partnership for peace and prosperity in Asia was celebrated."


def lines_of(newsroom: Newsroom, *paths: str) -> list[tuple[str, int]]:
    return [(f["path"], f["line"]) for f in newsroom.check(*paths).findings]


def test_disable_next_line(newsroom: Newsroom) -> None:
    body = "\n".join(
        [
            "<!-- claimcheck-disable-next-line term-wrong-variant -->",
            WRONG,  # line 5: hidden
            WRONG,  # line 6: shown
            "<!-- claimcheck-disable-next-line -->",
            "",
            WRONG,  # line 9: hidden (all rules; blank lines skipped)
            "<!-- claimcheck-disable-next-line title-no-such-office -->",
            WRONG,  # line 11: another rule named, so shown
        ]
    )
    newsroom.write("a.md", article(body))
    assert lines_of(newsroom, "a.md") == [("a.md", 6), ("a.md", 11)]


def test_disable_enable_range(newsroom: Newsroom) -> None:
    body = "\n".join(
        [
            WRONG,  # 4: shown
            "<!-- claimcheck-disable term-wrong-variant -->",
            WRONG,  # 6: hidden
            "",
            OTHER,  # 8: hidden
            "<!-- claimcheck-enable -->",
            WRONG,  # 10: shown
            "<!--claimcheck-disable-->",
            WRONG,  # 12: hidden to the end of the file
            OTHER,  # 13: hidden
        ]
    )
    newsroom.write("a.md", article(body))
    assert lines_of(newsroom, "a.md") == [("a.md", 4), ("a.md", 10)]


def test_a_disabled_file_can_still_fail_on_other_rules(newsroom: Newsroom) -> None:
    newsroom.write("a.md", "<!-- claimcheck-disable term-wrong-variant -->\n" + WRONG + "\n")
    run = newsroom.check("a.md", "--fail-on", "info")
    assert [f["rule"] for f in run.findings] == ["document-no-date"]
    assert run.code == 1


def test_write_baseline_then_baseline_hides_known_findings(newsroom: Newsroom) -> None:
    newsroom.write("a.md", article(WRONG + "\n" + RIGHT + "\n" + WRONG))
    newsroom.write("b.md", article(OTHER))
    written = newsroom.run("check", ".", "--write-baseline", "baseline.json")
    assert written.code == 0  # recording is not failing
    assert written.out == ""
    assert written.err.strip() == "claimcheck: wrote 3 finding(s) to baseline.json"
    data = json.loads((newsroom.root / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    # the same claim text twice in a.md is one fingerprint counted twice
    assert sorted(e["count"] for e in data["findings"]) == [1, 2]
    assert all(len(e["fingerprint"]) == 32 for e in data["findings"])
    run = newsroom.check(".", "--baseline", "baseline.json")
    assert (run.code, run.findings) == (0, [])
    # a path spelled differently is the same file
    assert newsroom.check("a.md", "./b.md", "--baseline", "baseline.json").findings == []


def test_moving_text_does_not_revive_a_baselined_finding(newsroom: Newsroom) -> None:
    newsroom.write("a.md", article("Intro.\n\n" + WRONG))
    assert lines_of(newsroom, "a.md") == [("a.md", 6)]
    assert newsroom.run("check", "a.md", "--write-baseline", "baseline.json").code == 0
    # lines inserted above, the finding moves to line 10: still known
    newsroom.write("a.md", article("Intro.\n\nA new paragraph.\n\nAnother one.\n\n" + WRONG))
    assert newsroom.check("a.md").findings[0]["line"] == 10
    run = newsroom.check("a.md", "--baseline", "baseline.json")
    assert (run.code, run.findings) == (0, [])
    # a new finding (other text, or the same text once more) still shows
    newsroom.write(
        "a.md", article("Intro.\n\nA new paragraph.\n\n" + OTHER + "\n\n" + WRONG + "\n" + WRONG)
    )
    run = newsroom.check("a.md", "--baseline", "baseline.json")
    assert run.code == 1
    assert [(f["line"], f["end_column"] - f["column"]) for f in run.findings] == [
        (8, len("exclusive strategic partnership for peace and prosperity in Asia")),
        (11, len("exclusive strategic partnership")),  # the known one is line 10's
    ]


def test_a_baseline_is_per_file(newsroom: Newsroom) -> None:
    newsroom.write("a.md", article(WRONG))
    newsroom.run("check", "a.md", "--write-baseline", "baseline.json")
    newsroom.write("b.md", article(WRONG))
    assert lines_of(newsroom, "a.md", "b.md", "--baseline", "baseline.json") == [("b.md", 4)]


def test_bad_baseline_files_are_exit_2(newsroom: Newsroom) -> None:
    newsroom.write("a.md", article(WRONG))
    missing = newsroom.check("a.md", "--baseline", "nope.json")
    assert (missing.code, missing.err.strip()) == (2, "nope.json: no such baseline file")
    newsroom.write("broken.json", '{"version": 1,\n  "findings": [\n}\n')
    broken = newsroom.check("a.md", "--baseline", "broken.json")
    assert broken.code == 2
    assert broken.err.strip() == "broken.json:3:1: baseline is not JSON: Expecting value"
    newsroom.write("other.json", '{"version": 7, "findings": []}\n')
    other = newsroom.check("a.md", "--baseline", "other.json")
    assert (other.code, other.err.strip()) == (
        2,
        "other.json:1:1: not a claimcheck baseline (version 1)",
    )


def test_write_baseline_ignores_the_old_baseline(newsroom: Newsroom) -> None:
    newsroom.write("a.md", article(WRONG))
    newsroom.run("check", "a.md", "--write-baseline", "baseline.json")
    first = (newsroom.root / "baseline.json").read_text(encoding="utf-8")
    again = newsroom.run(
        "check", "a.md", "--baseline", "baseline.json", "--write-baseline", "baseline.json"
    )
    assert again.code == 0
    assert (newsroom.root / "baseline.json").read_text(encoding="utf-8") == first


def test_a_misspelt_rule_in_a_comment_is_a_warning_with_the_right_id(newsroom: Newsroom) -> None:
    body = "\n".join(
        [
            "Intro.",
            "  <!-- claimcheck-disable-next-line term-wrong-varient -->",  # line 5, column 3
            WRONG,  # line 6: shown, the comment names no rule that exists
            "<!-- claimcheck-disable-next-line term-wrong-variant -->",
            WRONG,  # line 8: hidden, the right id still silences
        ]
    )
    newsroom.write("a.md", article(body))
    run = newsroom.check("a.md")
    got = [(f["rule"], f["severity"], f["line"], f["column"]) for f in run.findings]
    assert got == [
        ("suppression-unknown-rule", "warning", 5, 3),
        ("term-wrong-variant", "error", 6, WRONG.index("exclusive") + 1),
    ]
    typo = run.findings[0]
    assert typo["category"] == "document"
    assert typo["end_column"] == 3 + len("<!-- claimcheck-disable-next-line term-wrong-varient -->")
    assert typo["message"] == (
        "unknown rule 'term-wrong-varient': the comment silences nothing; "
        "did you mean 'term-wrong-variant'?"
    )
    # a warning fails only at --fail-on warning; the error here fails the run anyway
    newsroom.write("b.md", article("<!-- claimcheck-disable zzzz-qqqq -->\n" + RIGHT))
    quiet = newsroom.check("b.md")
    assert [(f["rule"], f["message"]) for f in quiet.findings] == [
        ("suppression-unknown-rule", "unknown rule 'zzzz-qqqq': the comment silences nothing")
    ]
    assert quiet.code == 0
    assert newsroom.check("b.md", "--fail-on", "warning").code == 1


def test_every_unknown_id_of_a_comment_and_of_enable(newsroom: Newsroom) -> None:
    body = "\n".join(
        [
            "<!-- claimcheck-disable term-wrong-year, titel-no-such-office term-wrong-varint -->",
            WRONG,  # line 5: not hidden, term-wrong-variant is not named
            "<!-- claimcheck-enable term-wrong-yaer -->",
            "<!-- claimcheck-disable-next-line * -->",  # every rule, written as `*`
            WRONG,  # line 8: hidden
        ]
    )
    newsroom.write("a.md", article(body))
    got = [
        (f["line"], f["rule"], f["message"].split(":")[0] if f["severity"] == "warning" else "")
        for f in newsroom.check("a.md").findings
    ]
    assert got == [
        (4, "suppression-unknown-rule", "unknown rule 'term-wrong-varint'"),
        (4, "suppression-unknown-rule", "unknown rule 'titel-no-such-office'"),
        (5, "term-wrong-variant", ""),
        (6, "suppression-unknown-rule", "unknown rule 'term-wrong-yaer'"),
    ]


def test_the_warning_is_configured_like_any_rule(newsroom: Newsroom) -> None:
    newsroom.write("a.md", article("<!-- claimcheck-disable-next-line no-such-rule -->\n" + RIGHT))
    assert [f["severity"] for f in newsroom.check("a.md").findings] == ["warning"]
    newsroom.config("rules: [rules]\nseverity: {suppression-unknown-rule: error}\n")
    run = newsroom.check("a.md")
    assert ([f["severity"] for f in run.findings], run.code) == (["error"], 1)
    newsroom.config("rules: [rules]\ndisable: [suppression-unknown-rule]\n")
    assert newsroom.check("a.md").findings == []
