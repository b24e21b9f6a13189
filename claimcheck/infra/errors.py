"""Errors that end a command with exit status 2. Kept apart so the CLI imports them cheaply."""


class JobError(Exception):
    """claimcheck cannot do the job (exit 2); the message lines say why, each naming a file."""


class Usage(Exception):
    """Bad command-line usage (exit 2)."""
