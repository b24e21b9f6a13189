"""Currencies: ISO 4217 codes, symbols and English names from CLDR (babel) in a generated table,
read before or after a figure; a form several currencies share resolved by the beat's
`currencies` entries or the metric's own unit; babel never imported by a run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import sentence_findings

from claimcheck import rulebook
from claimcheck.extract import numbers
from claimcheck.model import units
from claimcheck.yamlio.positions import YamlProblems


def one(text: str) -> numbers.Number:
    found = numbers.find(text, 0, len(text))
    assert len(found) == 1, (text, found)
    return found[0]


def test_the_table_is_what_babel_gives_today() -> None:
    """claimcheck/currency_table.py is the generator's output for the installed babel and the
    TSV: regenerate with `python -m claimcheck.model.currency_gen` when this fails."""
    pytest.importorskip("babel")
    from claimcheck.model import currency_gen

    written = currency_gen.TABLE.read_text(encoding="utf-8")
    assert written == currency_gen.source(currency_gen.build())


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("R$5 billion", "BRL"),
        ("BRL 5 billion", "BRL"),
        ("5 billion BRL", "BRL"),
        ("5 billion reais", "BRL"),
        ("C$12 million", "CAD"),
        ("CA$12 million", "CAD"),
        ("CAD 12 million", "CAD"),
        ("12 million Canadian dollars", "CAD"),
        ("US$3 billion", "USD"),
        ("$3 billion", "USD"),  # no declaration: the US dollar, as English news has it
        ("3 billion dollars", "USD"),
        ("S$2 billion", "SGD"),
        ("A$2 billion", "AUD"),
        ("HK$2 billion", "HKD"),
        ("NT$2 billion", "TWD"),
        ("₹40 billion", "INR"),
        ("₩3 trillion", "KRW"),
        ("元8 billion", "CNY"),
        ("8 billion yuan", "CNY"),
        ("2 trillion dong", "VND"),
        ("500 million yen", "JPY"),
        ("40 million euros", "EUR"),
        ("Rs 40 million", "rs"),  # several rupees: carried as written until resolved
        ("400 million pesos", "pesos"),
        ("5 billion won", "won"),
        ("5 billion South Korean won", "KRW"),
    ],
)
def test_written_currencies_read(text: str, unit: str) -> None:
    n = one(text)
    assert (n.unit, text[n.start : n.end]) == (unit, text)


@pytest.mark.parametrize(
    "text",
    [
        "the COP26 summit opened",  # a code against a bare whole number names something
        "ALL 40 delegates",  # codes that are English words are never read
        "TOP 10 exporters",
        "gained 5 pounds",  # pounds: weight as often as money
        "in real terms 4 percent",
    ],
)
def test_look_alikes_are_no_currency(text: str) -> None:
    assert all(n.unit in (None, units.PERCENT) for n in numbers.find(text, 0, len(text)))


def test_a_code_against_a_decimal_or_a_scale_is_an_amount() -> None:
    assert one("JPY2.7 trillion").unit == "JPY"
    assert one("VND12,000").unit == "VND"


def test_resolve_declaration_then_metric_unit() -> None:
    declared = {"$": "CAD", "pesos": "MXN"}
    assert units.resolve("USD", "$", declared, "USD") == "CAD"  # the beat's word wins
    assert units.resolve("USD", "us$", declared, "CAD") == "USD"  # US$ keeps its meaning
    assert units.resolve("pesos", "pesos", {}, "MXN") == "MXN"  # the metric's, one of them
    assert units.resolve("pesos", "pesos", {}, "USD") == "pesos"  # not one of them: unresolved
    assert units.resolve("rs", "rs", {}, "PKR") == "PKR"
    assert units.is_currency("pesos") and units.dimension("pesos") == "currency"


BEAT = """\
entities:
  - id: larch
    kind: organisation
    names: [Larchmont Provisions, Larchmont]
    implied: true
metrics:
  - id: larch-sales
    name: Larchmont net sales
    subject: [larch]
    aliases: [net sales]
    dimension: currency
    unit: {unit}
facts:
  - metric: larch-sales
    period: 2024
    value: 1.5e9
    tolerance: 0.01
    unit: {unit}
    source: a test fixture
{extra}"""


def check(tmp_path: Path, sentence: str, unit: str = "CAD", extra: str = "") -> list[str]:
    """The rule ids and messages `claimcheck check` gives a one-sentence article."""
    rules = BEAT.format(unit=unit, extra=extra)
    found = sentence_findings(tmp_path, rules, sentence, "2025-02-01")
    return [f"{f['rule']}: {f['message']}" for f in found]


DOLLAR_IS_CAD = '\ncurrencies:\n  - written: "$"\n    code: CAD\n'


def test_a_beat_declares_what_a_bare_dollar_means(tmp_path: Path) -> None:
    said = "Larchmont net sales were $1.5 billion in 2024."
    (usd,) = check(tmp_path, said)
    assert usd.startswith("unit-currency-mismatch: '$1.5 billion' is in USD")
    assert check(tmp_path, said, extra=DOLLAR_IS_CAD) == []
    wrong = check(tmp_path, "Larchmont net sales were $1.9 billion in 2024.", extra=DOLLAR_IS_CAD)
    assert [w.split(":")[0] for w in wrong] == ["quantity-contradicts-fact"]
    # a written US$ is still the US dollar in that beat
    (us,) = check(tmp_path, "Larchmont net sales were US$1.5 billion in 2024.", extra=DOLLAR_IS_CAD)
    assert "is in USD" in us


def test_an_ambiguous_name_takes_the_metrics_currency_or_says_what_it_may_be(
    tmp_path: Path,
) -> None:
    assert check(tmp_path, "Larchmont net sales were 1.5 billion pesos in 2024.", "MXN") == []
    (other,) = check(tmp_path, "Larchmont net sales were 1.5 billion pesos in 2024.", "CAD")
    assert "is in pesos (any of ARS, CLP" in other and "`currencies` says which" in other


def problems(tmp_path: Path, extra: str) -> list[str]:
    (tmp_path / "beat.yaml").write_text(BEAT.format(unit="CAD", extra=extra), encoding="utf-8")
    with pytest.raises(YamlProblems) as info:
        rulebook.load([tmp_path])
    return [str(p).removeprefix(str(tmp_path / "beat.yaml") + ":") for p in info.value.problems]


def test_currency_entries_are_validated_with_their_position(tmp_path: Path) -> None:
    assert problems(tmp_path, '\ncurrencies:\n  - writen: "$"\n    code: CAD\n') == [
        "22:5: missing key 'written' (at currencies[0])",
        "22:5: unknown key 'writen' (at currencies[0]); did you mean 'written'?",
    ]
    assert problems(tmp_path, '\ncurrencies:\n  - written: "$"\n    code: cad\n') == [
        "23:11: String should match pattern '^[A-Z]{3}$' (at currencies[0].code)"
    ]
    assert problems(tmp_path, '\ncurrencies:\n  - written: "$"\n    code: XYZ\n') == [
        "22:5: unknown currency code 'XYZ'"
    ]
    assert problems(tmp_path, "\ncurrencies:\n  - written: bucks\n    code: USD\n") == [
        "22:5: 'bucks' is not a currency form claimcheck reads"
    ]
    twice = "\ncurrencies:\n  - {written: $, code: CAD}\n  - {written: $, code: USD}\n"
    assert problems(tmp_path, twice) == ["23:5: '$' declared twice (CAD, USD)"]


def test_a_stored_rulebook_keeps_the_declarations(tmp_path: Path) -> None:
    from claimcheck.rulebook import store

    (tmp_path / "beat.yaml").write_text(
        BEAT.format(unit="CAD", extra=DOLLAR_IS_CAD), encoding="utf-8"
    )
    book = rulebook.load([tmp_path])
    back = store.decode(store.encode(book, "code"), "code", book.digest)
    assert back.declared_currencies() == book.declared_currencies() == {"$": "CAD"}
    assert back.origin(back.currencies[0]) == book.origin(book.currencies[0])


def test_a_run_never_imports_babel(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\ndate: 2025-02-01\n---\nSales were R$5 billion.\n", encoding="utf-8")
    code = (
        "import sys; from claimcheck.cli import main; main(['check', sys.argv[1], '--no-cache']);"
        " print('babel' in sys.modules)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(article)], capture_output=True, text=True, check=False
    )
    assert run.stdout.strip().splitlines()[-1] == "False", run.stderr
