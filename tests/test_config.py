"""`.claimcheck.yaml`: found upwards, validated with positions, overridden by flags; the corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import RIGHT, TEST_RULES, WRONG, Newsroom, article

from claimcheck import checks
from claimcheck.model.findings import Finding


def test_config_is_found_upwards_and_its_paths_are_relative_to_it(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom.write("desk/bad.md", article(WRONG))
    monkeypatch.chdir(newsroom.root / "desk")
    run = newsroom.check("bad.md")
    assert run.code == 1
    [f] = run.findings
    assert f["path"] == "bad.md"
    assert f["related"][0]["path"] == "../rules/terms.yaml"
    # further up, paths are shown absolute rather than as ../../..
    newsroom.write("desk/world/asia/bad.md", article(WRONG))
    monkeypatch.chdir(newsroom.root / "desk" / "world" / "asia")
    [f] = newsroom.check("bad.md").findings
    assert f["related"][0]["path"] == str(newsroom.root / "rules" / "terms.yaml")


def test_explicit_config_file(newsroom: Newsroom) -> None:
    newsroom.write("bad.md", article(WRONG))
    newsroom.write("elsewhere/other-rules/t.yaml", TEST_RULES.replace("exclusive", "intensive"))
    newsroom.write("elsewhere/cc.yaml", "rules: [other-rules]\n")
    newsroom.write("intensive.md", article(WRONG.replace("exclusive", "intensive")))
    run = newsroom.check("bad.md", "intensive.md", "--config", "elsewhere/cc.yaml")
    assert [f["path"] for f in run.findings] == ["intensive.md"]
    missing = newsroom.check("bad.md", "--config", "nope.yaml")
    assert (missing.code, missing.err.strip()) == (2, "nope.yaml: no such configuration file")


def test_config_is_found_from_the_paths_checked_not_only_from_here(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cd /tmp && claimcheck check ~/newsroom/articles` uses ~/newsroom/.claimcheck.yaml; its
    paths are shown from the working directory, and its claim cache stays beside it."""
    newsroom.write("articles/bad.md", article(WRONG))
    elsewhere = newsroom.root.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    run = newsroom.check("../newsroom/articles")
    assert run.code == 1
    [f] = run.findings
    assert (f["path"], f["rule"]) == ("../newsroom/articles/bad.md", "term-wrong-variant")
    assert f["related"][0]["path"] == "../newsroom/rules/terms.yaml"
    assert (newsroom.root / ".claimcheck_cache").is_dir()
    assert not (elsewhere / ".claimcheck_cache").exists()
    absolute = str(newsroom.root / "articles" / "bad.md")
    assert [f["path"] for f in newsroom.check(absolute).findings] == [absolute]


def test_the_paths_config_wins_over_the_working_directorys(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom.write("bad.md", article(WRONG))
    elsewhere = newsroom.root.parent / "elsewhere"
    (elsewhere / "other").mkdir(parents=True)
    (elsewhere / "other" / "t.yaml").write_text(
        TEST_RULES.replace("exclusive", "intensive"), encoding="utf-8"
    )
    (elsewhere / ".claimcheck.yaml").write_text("rules: [other]\n", encoding="utf-8")
    (elsewhere / "intensive.md").write_text(
        article(WRONG.replace("exclusive", "intensive")), encoding="utf-8"
    )
    monkeypatch.chdir(elsewhere)
    assert [f["path"] for f in newsroom.check("../newsroom/bad.md").findings] == [
        "../newsroom/bad.md"
    ]
    assert [f["path"] for f in newsroom.check("intensive.md").findings] == ["intensive.md"]
    # --config still wins
    run = newsroom.check("../newsroom/bad.md", "--config", ".claimcheck.yaml")
    assert (run.code, run.findings) == (0, [])


def test_paths_under_two_configs_are_exit_2_naming_both(newsroom: Newsroom) -> None:
    """One run has one rulebook and one set of settings: claimcheck does not guess which."""
    newsroom.write("bad.md", article(WRONG))
    newsroom.write("desk/.claimcheck.yaml", "rules: [../rules]\nfail_on: warning\n")
    for name in "abcde":
        newsroom.write(f"desk/{name}.md", article(WRONG))
    run = newsroom.check("bad.md", "desk/a.md", "desk/b.md")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines() == [
        "claimcheck: the paths fall under different configurations; check them in separate "
        "runs, or name one with --config FILE",
        ".claimcheck.yaml: configures bad.md",
        "desk/.claimcheck.yaml: configures desk/a.md, desk/b.md",
    ]
    run = newsroom.check("desk", *(f"desk/{name}.md" for name in "abcde"), "bad.md")
    assert run.err.splitlines()[1:] == [
        ".claimcheck.yaml: configures bad.md",
        "desk/.claimcheck.yaml: configures desk, desk/a.md, desk/b.md and 3 more",
    ]
    run = newsroom.check("bad.md", "desk", "--config", "desk/.claimcheck.yaml")
    assert (run.code, len(run.findings)) == (1, 6)
    assert newsroom.check("desk").code == 1  # one config: its own


def test_a_path_under_no_config_joins_the_one_the_others_have(
    newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom.write("bad.md", article(WRONG))
    loose = newsroom.root.parent / "loose"
    loose.mkdir()
    (loose / "bad.md").write_text(article(WRONG), encoding="utf-8")
    # no path has a config: the working directory's, as ever
    run = newsroom.check("../loose/bad.md")
    assert [f["path"] for f in run.findings] == ["../loose/bad.md"]
    monkeypatch.chdir(loose)
    run = newsroom.check("bad.md", "../newsroom/bad.md")
    assert [f["path"] for f in run.findings] == ["../newsroom/bad.md", "bad.md"]
    # nothing anywhere: no config, so no rules
    run = newsroom.check("bad.md")
    assert (run.code, run.err.strip()) == (
        2,
        "no rule files: pass --rules DIR or set `rules:` in .claimcheck.yaml",
    )


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        (
            "rules: [rules]\nfail_onn: warning\n",
            [".claimcheck.yaml:2:1: unknown key 'fail_onn'; did you mean 'fail_on'?"],
        ),
        (
            "rules: [rules]\ncorpse: ['**/*.md']\nzzz: 1\n",
            [
                ".claimcheck.yaml:2:1: unknown key 'corpse'; did you mean 'corpus'?",
                ".claimcheck.yaml:3:1: unknown key 'zzz'",
            ],
        ),
        (
            "rules: [rules]\nfail_on: fatal\n",
            [".claimcheck.yaml:2:10: Input should be 'error', 'warning' or 'info' (at fail_on)"],
        ),
        (
            "rules: [rules]\nseverity:\n  term-wrong-variant: loud\n",
            [
                ".claimcheck.yaml:3:23: Input should be 'error', 'warning' or 'info' "
                "(at severity.term-wrong-variant)"
            ],
        ),
        (
            "rules: [rules\n",
            [
                ".claimcheck.yaml:2:1: while parsing a flow sequence at 1:8: expected ',' or "
                "']', but got '<stream end>'"
            ],
        ),
        (
            "- rules\n",
            [".claimcheck.yaml:1:1: Input should be a valid dictionary or instance of ConfigFile"],
        ),
    ],
)
def test_bad_config_is_exit_2_with_positions(
    newsroom: Newsroom, text: str, errors: list[str]
) -> None:
    newsroom.write("good.md", article(RIGHT))
    newsroom.config(text)
    run = newsroom.check("good.md")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines() == errors


def test_fail_on_in_config_and_the_flag_over_it(newsroom: Newsroom) -> None:
    newsroom.config("rules: [rules]\nfail_on: warning\nseverity:\n  term-wrong-variant: warning\n")
    newsroom.write("bad.md", article(WRONG))
    run = newsroom.check("bad.md")
    assert run.code == 1
    assert [f["severity"] for f in run.findings] == ["warning"]
    assert newsroom.check("bad.md", "--fail-on", "error").code == 0


def test_disable(newsroom: Newsroom) -> None:
    newsroom.config("rules: [rules]\ndisable: [term-wrong-variant, document-no-date]\n")
    newsroom.write("bad.md", WRONG + "\n")  # no date either
    run = newsroom.check("bad.md")
    assert (run.code, run.findings) == (0, [])


def test_rules_flag_replaces_the_config_rules(newsroom: Newsroom) -> None:
    newsroom.write("other/t.yaml", TEST_RULES.replace("exclusive", "intensive"))
    newsroom.write("bad.md", article(WRONG))
    newsroom.write("intensive.md", article(WRONG.replace("exclusive", "intensive")))
    assert [f["path"] for f in newsroom.check("bad.md", "intensive.md").findings] == ["bad.md"]
    run = newsroom.check("bad.md", "intensive.md", "--rules", "other")
    assert [f["path"] for f in run.findings] == ["intensive.md"]
    both = newsroom.check(
        "bad.md", "intensive.md", "--rules", "other", "--rules", "rules/terms.yaml"
    )
    assert both.code == 2  # the same term id twice
    assert "duplicate terms id 'esp'" in both.err


def test_include_and_exclude(newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    for rel in ("a.md", "b.txt", "drafts/c.md", "desk/drafts/d.md", "desk/e.md", "README.md"):
        newsroom.write(f"articles/{rel}", article(WRONG))
    newsroom.config("rules: [rules]\ninclude: ['*.md']\nexclude: [articles/drafts/*, README.md]\n")
    run = newsroom.check("articles")
    assert sorted({f["path"] for f in run.findings}) == [
        "articles/a.md",
        "articles/desk/drafts/d.md",
        "articles/desk/e.md",
    ]
    # exclude globs with a slash are relative to the config's folder, wherever we run from
    monkeypatch.chdir(newsroom.root / "articles")
    run = newsroom.check(".", "README.md")
    assert sorted({f["path"] for f in run.findings}) == [
        "./a.md",
        "./desk/drafts/d.md",
        "./desk/e.md",
    ]


@pytest.fixture
def probe(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], list[str]]]:
    """A corpus engine that records what it saw and flags every document."""
    seen: list[tuple[list[str], list[str]]] = []

    def engine(ctx: checks.CorpusContext) -> Iterator[Finding]:
        seen.append(([d.path for d in ctx.docs], sorted(Path(t).name for t in ctx.targets)))
        for d in ctx.docs:
            yield Finding("probe", "document", "warning", d.path, 1, 1, 1, 1, "seen", anchor="p")

    checks.load_engines()
    monkeypatch.setitem(checks.CORPUS_ENGINES, "probe", engine)
    return seen


def test_corpus_is_read_but_only_named_files_are_reported(
    newsroom: Newsroom, probe: list[tuple[list[str], list[str]]]
) -> None:
    newsroom.config("rules: [rules]\ncorpus: ['archive/**/*.md', 'new']\n")
    newsroom.write("archive/2014/old.md", article(WRONG))
    newsroom.write("archive/2015/older.md", article(RIGHT))
    newsroom.write("archive/notes.yaml", "not: an article\n")
    newsroom.write("new/today.md", article(WRONG))
    newsroom.write("new/tomorrow.md", article(RIGHT))
    run = newsroom.check("new/today.md")
    assert run.code == 1
    assert [(f["path"], f["rule"]) for f in run.findings] == [
        ("new/today.md", "probe"),
        ("new/today.md", "term-wrong-variant"),
    ]
    [(docs, targets)] = probe
    assert sorted(docs) == [
        "archive/2014/old.md",
        "archive/2015/older.md",
        "new/today.md",
        "new/tomorrow.md",
    ]
    assert targets == ["today.md"]
    assert run.json["documents"] == 1


def test_without_corpus_only_named_files_are_read(
    newsroom: Newsroom, probe: list[tuple[list[str], list[str]]]
) -> None:
    newsroom.write("archive/old.md", article(WRONG))
    newsroom.write("today.md", article(RIGHT))
    newsroom.check("./today.md")
    assert probe == [(["./today.md"], ["today.md"])]


def test_every_named_file_excluded_passes_without_reading_the_corpus(
    newsroom: Newsroom, probe: list[tuple[list[str], list[str]]]
) -> None:
    """A hook run on nothing but excluded files: exit 0, and the corpus is not read for it."""
    newsroom.config("rules: [rules]\ncorpus: [archive]\nexclude: [README.md]\n")
    newsroom.write("archive/old.md", article(WRONG))
    newsroom.write("README.md", article(WRONG))
    run = newsroom.check("README.md")
    assert (run.code, run.findings, run.json["documents"]) == (0, [], 0)
    assert run.err == (
        "claimcheck: skipped README.md: excluded by exclude: README.md in .claimcheck.yaml\n"
    )
    assert probe == [([], [])]


def test_baseline_from_config(newsroom: Newsroom) -> None:
    newsroom.write("bad.md", article(WRONG))
    newsroom.config("rules: [rules]\nbaseline: known.json\n")
    missing = newsroom.check("bad.md")
    assert missing.code == 2
    assert missing.err.strip() == (
        "known.json: no such baseline file (named by `baseline:` in .claimcheck.yaml)"
    )
    assert newsroom.check("bad.md", "--write-baseline", "known.json").code == 0
    assert newsroom.check("bad.md").findings == []


def test_unknown_rule_ids_in_the_config_are_exit_2(newsroom: Newsroom) -> None:
    newsroom.write("bad.md", article(WRONG))
    newsroom.config(
        "rules: [rules]\n"
        "disable: [document-no-date, term-wrong-variantt]\n"
        "severity:\n"
        "  no-such-rule: info\n"
    )
    run = newsroom.check("bad.md")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines() == [
        ".claimcheck.yaml:2:29: unknown rule 'term-wrong-variantt'; "
        "did you mean 'term-wrong-variant'?",
        ".claimcheck.yaml:4:3: unknown rule 'no-such-rule'",
    ]


@pytest.mark.parametrize(
    "severity",
    [
        "severity:\n",  # plain YAML: read without positions, located when a rule is unknown
        "severity: &s\n",  # an anchor: read by ruamel.yaml, with positions
    ],
)
def test_unknown_rule_ids_are_located_whichever_reader_read_the_config(
    newsroom: Newsroom, severity: str
) -> None:
    newsroom.write("bad.md", article(WRONG))
    newsroom.config(
        "rules: [rules]  # ours\n"
        "disable:\n"
        "  - document-no-date\n"
        "  - term-wrong-variantt\n" + severity + "  # quieter\n"
        "  term-wrong-variant: info\n"
        "  no-such-rule: info\n"
    )
    run = newsroom.check("bad.md")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines() == [
        ".claimcheck.yaml:4:5: unknown rule 'term-wrong-variantt'; "
        "did you mean 'term-wrong-variant'?",
        ".claimcheck.yaml:8:3: unknown rule 'no-such-rule'",
    ]


def test_a_config_yamlsimple_types_is_validated_with_positions(newsroom: Newsroom) -> None:
    newsroom.write("good.md", article(RIGHT))
    newsroom.config("rules: [rules]\ndisable: [2021, true]\nbaseline: 2021-01-01\n")
    run = newsroom.check("good.md")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines() == [
        ".claimcheck.yaml:2:11: Input should be a valid string (at disable[0])",
        ".claimcheck.yaml:2:17: Input should be a valid string (at disable[1])",
        ".claimcheck.yaml:3:11: Input should be a valid string (at baseline)",
    ]


ALL_WRONG = """\
rules: [rules, rulez]
fail_on: eror
disablee: [document-no-date]
disable: [document-no-date, term-wrong-variantt]
severity:
  no-such-rule: info
  term-wrong-variant: loud
"""


@pytest.mark.parametrize(
    "anchor",
    ["", " &rules"],  # plain YAML (yamlsimple, no positions) or ruamel.yaml's, with positions
)
def test_every_config_problem_is_reported_in_one_round(newsroom: Newsroom, anchor: str) -> None:
    newsroom.write("good.md", article(RIGHT))
    newsroom.config(ALL_WRONG.replace("rules: [", f"rules:{anchor} ["))
    run = newsroom.check("good.md")
    assert (run.code, run.out) == (2, "")
    col = 16 + len(anchor)
    assert run.err.splitlines() == [
        f".claimcheck.yaml:1:{col}: no such rule file or folder 'rulez'; did you mean 'rules'?",
        ".claimcheck.yaml:2:10: Input should be 'error', 'warning' or 'info' (at fail_on)",
        ".claimcheck.yaml:3:1: unknown key 'disablee'; did you mean 'disable'?",
        ".claimcheck.yaml:4:29: unknown rule 'term-wrong-variantt'; "
        "did you mean 'term-wrong-variant'?",
        ".claimcheck.yaml:6:3: unknown rule 'no-such-rule'",
        ".claimcheck.yaml:7:23: Input should be 'error', 'warning' or 'info' "
        "(at severity.term-wrong-variant)",
    ]


def test_a_missing_rule_folder_is_reported_at_the_config_line_that_names_it(
    newsroom: Newsroom,
) -> None:
    newsroom.write("good.md", article(RIGHT))
    newsroom.write("elsewhere/desk-rules/t.yaml", TEST_RULES)
    newsroom.write("elsewhere/cc.yaml", "# the desk's\nrules:\n  - desk-rules\n  - desk/rules\n")
    newsroom.config("rules: [rulez]\n")
    run = newsroom.check("good.md")
    assert (run.code, run.err.splitlines()) == (
        2,
        [".claimcheck.yaml:1:9: no such rule file or folder 'rulez'; did you mean 'rules'?"],
    )
    # `rules check` reads the config's rules the same way; `cache clear` reads none
    assert newsroom.run("rules", "check").err == run.err
    assert newsroom.run("cache", "clear").code == 0
    run = newsroom.check("good.md", "--config", "elsewhere/cc.yaml")
    assert run.err.splitlines() == [
        "elsewhere/cc.yaml:4:5: no such rule file or folder 'desk/rules'; "
        "did you mean 'desk-rules'?"
    ]


def test_rules_on_the_command_line_are_not_the_configs(newsroom: Newsroom) -> None:
    """`--rules DIR` replaces the config's folders: a missing one of the config is no matter,
    and a missing DIR is named as given (by the rulebook), not at a line of the config."""
    newsroom.write("bad.md", article(WRONG))
    newsroom.config("rules: [gone]\n")
    assert newsroom.check("bad.md", "--rules", "rules").code == 1
    run = newsroom.check("bad.md", "--rules", "nope")
    [line] = run.err.splitlines()
    assert run.code == 2
    assert line.startswith("nope:") and line.endswith(": no such rule file or folder")
