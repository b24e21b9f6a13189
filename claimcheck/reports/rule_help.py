"""The help of each rule, from the registry and the engines' own documentation, with the rule
files' examples both ways: what `claimcheck explain` prints, docs/checks.md holds, and a code
scanning tool shows (SARIF `help` and `fullDescription`)."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from claimcheck import checks

if TYPE_CHECKING:
    from claimcheck.rulebook import Rulebook

MAX_EXAMPLES = 3


def explain(rule_id: str, examples: tuple[list[str], list[str]]) -> str:
    rule = checks.RULES[rule_id]
    lines = [
        f"## {rule.id}",
        "",
        _sentence(rule.summary),
        "",
        f"- category: {rule.category}",
        f"- default severity: {rule.severity}",
        f"- engine: {rule.engine or 'document loader'}"
        + (" (across documents)" if rule.engine in checks.CORPUS_ENGINES else ""),
        f"- fix: {'applied by `claimcheck check --fix` when certain' if rule.fixable else 'none'}",
    ]
    for text in _docs(rule_id):
        lines += ["", text]
    triggers, silent = examples
    if triggers:
        lines += ["", "Triggers:", ""] + [f"- {t}" for t in triggers[:MAX_EXAMPLES]]
    if silent:
        lines += ["", "Stays silent:", ""] + [f"- {t}" for t in silent[:MAX_EXAMPLES]]
    lines += [
        "",
        "Configure or silence it:",
        "",
        "```yaml",
        "# .claimcheck.yaml",
        f"severity: {{{rule.id}: warning}}   # or error, info",
        f"disable: [{rule.id}]",
        "```",
        "",
        f"In a Markdown article: `<!-- claimcheck-disable-next-line {rule.id} -->`.",
        "",
    ]
    return "\n".join(lines)


def description(rule_id: str) -> str:
    """The rule's summary, then the first paragraph of its engine's documentation: what a code
    scanning tool shows above the full help (SARIF `fullDescription`)."""
    first = next((" ".join(d.split("\n\n", 1)[0].split()) for d in _docs(rule_id)), "")
    return " ".join(p for p in (_sentence(checks.RULES[rule_id].summary), first) if p)


def _sentence(summary: str) -> str:
    return f"{summary[0].upper()}{summary[1:]}."


def _docs(rule_id: str) -> list[str]:
    """The documentation of the rule's engine: its module's, then its own."""
    rule = checks.RULES[rule_id]
    engine = checks.DOC_ENGINES.get(rule.engine) or checks.CORPUS_ENGINES.get(rule.engine)
    if not engine:
        return []
    texts = (inspect.getdoc(inspect.getmodule(engine)), inspect.getdoc(engine))
    return [t for t in texts if t]


def examples(book: Rulebook) -> dict[str, tuple[list[str], list[str]]]:
    """Rule-file examples by rule id: (texts that trigger it, texts that must stay silent).

    A silent example counts against the rules that its own file's other examples trigger: that
    is the rule it was written to test. (The SARIF report's rule help is `explain` with these.)
    """
    out: dict[str, tuple[list[str], list[str]]] = {}
    by_file: dict[str, set[str]] = {}
    for example, origin in book.examples:
        by_file.setdefault(origin.path, set()).update(example.expect)
    for example, origin in book.examples:
        shown = f"{example.text} _(dated {example.date}; {origin.path}:{origin.line})_"
        for rid in example.expect:
            out.setdefault(rid, ([], []))[0].append(shown)
        if not example.expect:
            for rid in sorted(by_file[origin.path]):
                out.setdefault(rid, ([], []))[1].append(shown)
    return out
