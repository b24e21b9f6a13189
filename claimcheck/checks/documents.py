"""Rules for problems with the documents themselves: the loader reports them (documents.py), and
the suppression scan (suppress.py) the comments that name a rule no check has."""

from __future__ import annotations

from claimcheck.checks.registry import Rule, register_rule

for _rule in (
    Rule("document-unreadable", "document", "error", "the file cannot be read"),
    Rule("document-binary", "document", "error", "a binary file where an article was expected"),
    Rule("document-encoding", "document", "error", "the file is not valid UTF-8"),
    Rule("document-empty", "document", "info", "an empty file: nothing to check"),
    Rule("document-front-matter", "document", "error", "front matter that does not parse"),
    Rule(
        "document-manifest", "document", "error", "a manifest beside the file that does not parse"
    ),
    Rule(
        "document-date",
        "document",
        "error",
        "a date in front matter or manifest that is not a date",
    ),
    Rule(
        "document-date-inferred",
        "document",
        "info",
        "no date given; the date was read from a dateline in the text",
    ),
    Rule(
        "document-no-date",
        "document",
        "info",
        "no date known; checks that depend on the publication date are skipped",
    ),
    Rule(
        "suppression-unknown-rule",
        "document",
        "warning",
        "a suppression comment naming a rule id no check has (it silences nothing)",
        "suppression comments",
    ),
):
    register_rule(_rule)
