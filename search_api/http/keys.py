"""API keys and roles as data: the roles, a key's digest, the ring of known keys.

Nothing here needs the web framework, so the command line can make keys and read settings
without loading it; `auth` puts these to work on requests.
"""

from __future__ import annotations

import hashlib
import hmac
from enum import IntEnum


class ConfigError(ValueError):
    """The service's configuration cannot be used; the message says where and why (never a
    key)."""


KEYS_ENV = "CAMNANG_API_KEYS"
HASH_PREFIX = "sha256:"
MIN_KEY_LENGTH = 8

_ROLE_WORDS = {
    "reader": "đọc (reader)",
    "trainer": "tập huấn (trainer)",
    "admin": "quản trị (admin)",
}


class Role(IntEnum):
    """Roles in increasing power: each includes the ones below."""

    PUBLIC = 0
    READER = 1
    TRAINER = 2
    ADMIN = 3

    @property
    def label(self) -> str:
        return _ROLE_WORDS.get(self.name.lower(), self.name.lower())


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class KeyRing:
    """Key digests and their roles. The plain keys are never stored."""

    def __init__(self) -> None:
        self._roles: dict[str, Role] = {}

    def __len__(self) -> int:
        return len(self._roles)

    def add(self, key: str, role: Role, where: str = "key") -> None:
        """Add a plain key, or `sha256:<hex>` for a key given as its digest."""
        if key.startswith(HASH_PREFIX):
            digest = key[len(HASH_PREFIX) :].strip().lower()
            if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
                raise ConfigError(f"{where}: sha256: must be followed by 64 hex digits")
        else:
            if len(key) < MIN_KEY_LENGTH or key != key.strip():
                raise ConfigError(
                    f"{where}: an API key needs at least {MIN_KEY_LENGTH} characters and no "
                    "spaces around it"
                )
            digest = key_digest(key)
        self._roles[digest] = role

    def role_for(self, key: str | None) -> Role | None:
        """The role of a presented key, or None when it is not known."""
        if not key:
            return None
        digest = key_digest(key)
        found = None
        for known, role in self._roles.items():
            if hmac.compare_digest(known, digest):
                found = role
        return found
