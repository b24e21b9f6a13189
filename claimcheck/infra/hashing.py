"""Content hashes that key claimcheck's own caches: BLAKE2b, from CPython's built-in module.

Importing `hashlib` loads OpenSSL: 2.5 ms of a hook run. These hashes only name what this
program writes and reads back, so any collision-resistant hash serves, and CPython always builds
BLAKE2 in. Finding fingerprints, which users keep in baselines, stay SHA-256 (findings.py).
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b


def hasher(data: bytes = b"") -> blake2b:
    """A hash of `data`, to update with more: 32 bytes, hexdigest() of 64 characters."""
    return blake2b(data, digest_size=32)
