"""The data that flows through the pipeline: claims (`claims`), findings (`findings`), dates and
periods (`dates`), units and currencies (`units`, with the ISO 4217 table `currency_gen` makes),
a document read from disk (`document`) and the key that names a file whatever its spelling
(`paths`). Plain values, no reading or judging (docs/architecture.md)."""
