"""Infrastructure that knows nothing of news: value classes (`values`), regular expressions and
dataclass code compiled once per interpreter (`regexes`, `classcode`, their tables in
`pycache`), content hashes (`hashing`), the seals and digest of claimcheck's caches (`caching`),
and the errors that end a command with status 2 (`errors`). Every other stage may import it; it
imports none of them (docs/architecture.md)."""
