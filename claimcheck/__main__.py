"""`python -m claimcheck`, and the console script's entry point (`claimcheck.__main__:run`):
the cycle collector is off before the command line's modules load (claimcheck.cli.run)."""

import gc

gc.disable()

from claimcheck.cli import run  # noqa: E402

if __name__ == "__main__":
    run()
