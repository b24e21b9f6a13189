"""Generate a seeded corpus of realistic articles from a rulebook, with planted errors and traps.

Everything domain-specific comes from the rule files (offices and their holders, metrics and
facts, terms and their wrong variants); the sentence frames are English. Figures come from the
facts, and from years the facts do not cover (the same value in every article but the planted
outliers, so that the corpus engine has groups to judge). Each article is about the size of the
seed articles (4-6 KB). An answer key (`expected.jsonl`) lists each planted error with its line
and the rule id a careful fact-checker would expect (an outlier among articles: the rule the
consensus blames it with, as long as it stays a minority in its group).

    python benchmarks/generate.py --rules rules --count 1000 --seed 1 --out /tmp/corpus-1k
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck import rulebook
from claimcheck.rulebook.schema import Fact, Office, Person

FILLER = [
    "Officials from both sides said cooperation had grown steadily in recent years.",
    "The two delegations discussed education, agriculture, labour and climate change.",
    "Business groups welcomed the plans and called for simpler investment procedures.",
    "Analysts said the talks showed a high level of political trust between the two countries.",
    "The visit included meetings with provincial leaders and a business forum.",
    "Both sides agreed to hold regular dialogues between their ministries and localities.",
    "Cultural exchanges and tourism promotion events are planned for the coming months.",
    "The ministry said more details would be announced after the meetings concluded.",
    "Experts at the forum highlighted infrastructure, energy transition and digital skills.",
    "Local companies expressed interest in joint projects in manufacturing and logistics.",
]


@dataclass
class Planted:
    path: str
    line: int
    rule: str


def _name(p: Person) -> str:
    middle = f" {p.middle}" if p.middle else ""
    return (
        f"{p.given}{middle} {p.family}"
        if p.order != "family-given"
        else (f"{p.family}{middle} {p.given}")
    )


def _holder_at(office: Office, day: dt.date) -> str | None:
    for h in office.holders:
        if h.start.first() <= day and (h.end is None or day <= h.end.last()):
            return h.person
    return None


def _money(value: float, unit: str | None) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale:
            digits = f"{value / scale:.1f}".rstrip("0").rstrip(".")
            return f"US${digits} {word}" if unit in (None, "USD") else f"{digits} {word} {unit}"
    return f"{value:,.0f}"


class Generator:
    def __init__(self, book: rulebook.Rulebook, seed: int) -> None:
        self.book = book
        self.rng = random.Random(seed)
        self.offices = [o for o in book.offices.values() if o.holders]
        self.facts = [f for f in book.facts if f.value is not None and f.status == "verified"]
        self.terms = list(book.terms.values())
        # Figures the rulebook has no fact for (the corpus engine judges them against each
        # other): yearly flows of the currency metrics that have facts, in years they do not.
        self.unruled: list[tuple[str, int, float]] = []
        for metric in book.metrics.values():
            if metric.dimension != "currency" or metric.period != "span":
                continue
            known = [f for f in self.facts if f.metric == metric.id and f.period is not None]
            if not known:
                continue
            years = {f.period.year for f in known if f.period is not None}
            base = sorted(f.value for f in known if f.value is not None)[len(known) // 2]
            for year in range(2000, 2025):
                if year not in years:  # a steady trend around the facts' middle value
                    self.unruled.append((metric.id, year, base * (1 + 0.04 * (year - 2012))))

    def sentence_title(self, day: dt.date) -> tuple[str, str | None]:
        if not self.offices:
            return self.rng.choice(FILLER), None
        office = self.rng.choice(self.offices)
        ent = self.book.entities.get(office.jurisdiction)
        demonym = ent.demonyms[0] if ent and ent.demonyms else ""
        holder = _holder_at(office, day)
        others = [h.person for h in office.holders if h.person != holder]
        if holder and (not others or self.rng.random() < 0.9):
            person = self.book.people[holder]
            return f"{demonym} {office.title} {_name(person)} said the ties were strong.", None
        if others and self.rng.random() < 0.5:
            person = self.book.people[self.rng.choice(others)]
            past = [
                h
                for h in office.holders
                if h.person == person.id and h.end is not None and h.end.last() < day
            ]
            if past:  # a trap: "former" makes it right
                return f"Former {office.title} {_name(person)} attended the ceremony.", None
        if holder is None or not others:
            return self.rng.choice(FILLER), None
        person = self.book.people[self.rng.choice(others)]
        return (
            f"{demonym} {office.title} {_name(person)} said the ties were strong.",
            "title-not-in-office",
        )

    def sentence_figure(self) -> tuple[str, str | None]:
        if not self.facts:
            return self.rng.choice(FILLER), None
        fact: Fact = self.rng.choice(self.facts)
        metric = self.book.metrics[fact.metric]
        if metric.dimension != "currency" or fact.period is None or fact.value is None:
            return self.rng.choice(FILLER), None
        alias = self.rng.choice(metric.aliases)
        planted = self.rng.random() < 0.15
        value = fact.value * (1.6 if planted else 1.0)
        text = f"The {alias} reached {_money(value, fact.unit)} in {fact.period.year}."
        return text, "quantity-contradicts-fact" if planted else None

    def sentence_unruled(self) -> tuple[str, str | None]:
        """A figure no fact judges: the same in every article but the planted outliers."""
        if not self.unruled:
            return self.rng.choice(FILLER), None
        metric_id, year, value = self.rng.choice(self.unruled)
        alias = self.rng.choice(self.book.metrics[metric_id].aliases)
        planted = self.rng.random() < 0.1
        figure = _money(value * (1.6 if planted else 1.0), None)
        text = f"The {alias} was {figure} in {year}, officials said."
        return text, "quantity-contradicts-article" if planted else None

    def sentence_term(self) -> tuple[str, str | None]:
        terms = [t for t in self.terms if t.variants]
        if not terms:
            return self.rng.choice(FILLER), None
        term = self.rng.choice(terms)
        if self.rng.random() < 0.2:
            wrong = self.rng.choice(term.variants).wrong
            return f"The two sides praised their {wrong}.", "term-wrong-variant"
        return f"The two sides praised their {term.name}.", None

    def article(self, i: int) -> tuple[str, list[tuple[int, str]]]:
        day = dt.date(2000, 1, 1) + dt.timedelta(days=self.rng.randrange(25 * 365))
        lines = [
            "---",
            f"title: Article {i}",
            f"date: {day.isoformat()}",
            "---",
            f"Cooperation news {i}",
            "",
        ]
        planted: list[tuple[int, str]] = []
        size = 0
        target = self.rng.randrange(4000, 6000)
        while size < target:
            parts = []
            for _ in range(self.rng.randrange(3, 6)):
                kind = self.rng.random()
                if kind < 0.2:
                    s, rule = self.sentence_title(day)
                elif kind < 0.35:
                    s, rule = self.sentence_figure()
                elif kind < 0.45:
                    s, rule = self.sentence_term()
                elif kind < 0.55:
                    s, rule = self.sentence_unruled()
                else:
                    s, rule = self.rng.choice(FILLER), None
                parts.append(s)
                if rule:
                    planted.append((len(lines) + 1, rule))
            para = " ".join(parts)
            lines.extend([para, ""])
            size += len(para) + 2
        return "\n".join(lines) + "\n", planted


def generate(rules: list[Path], count: int, seed: int, out: Path) -> int:
    book = rulebook.load(rules)
    gen = Generator(book, seed)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    with (out / "expected.jsonl").open("w", encoding="utf-8") as key:
        for i in range(count):
            text, planted = gen.article(i)
            sub = out / f"{i // 1000:03d}"
            sub.mkdir(exist_ok=True)
            path = sub / f"article-{i:06d}.md"
            path.write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
            for line, rule in planted:
                key.write(json.dumps({"path": str(path), "line": line, "rule": rule}) + "\n")
    return total


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rules", action="append", type=Path, default=None)
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    size = generate(args.rules or [Path("rules")], args.count, args.seed, args.out)
    print(f"{args.count} articles, {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
