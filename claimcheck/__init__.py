"""claimcheck: a data-consistency checker and linter for claims in news articles."""

__version__ = "0.2.0"
