"""The service's settings: data folder, API keys and roles, upload limit.

Read from a TOML file (`--config PATH`, else `$CAMNANG_CONFIG`, else `DATA/camnang.toml` when it
exists) and from the environment (`CAMNANG_API_KEYS`, `CAMNANG_REQUIRE_READER_KEY`), which
adds to / overrides the file:

```toml
[service]
require_reader_key = false   # true: reading needs a reader key too
max_upload_mb = 50           # per upload request

[api_keys]
# "<key>" = "<role>", or "sha256:<hex digest of the key>" = "<role>" to keep keys off disk
"sha256:0b5a…" = "trainer"
```

`CAMNANG_API_KEYS` is `KEY=ROLE,KEY=ROLE`. Keys are hashed as they are read; the plain key is
never kept, logged or put in an error message.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from search_api.http.keys import KEYS_ENV, ConfigError, KeyRing, Role

CONFIG_NAME = "camnang.toml"
CONFIG_ENV = "CAMNANG_CONFIG"
REQUIRE_READER_ENV = "CAMNANG_REQUIRE_READER_KEY"
DEFAULT_MAX_UPLOAD_MB = 50
MAX_UPLOAD_MB_CEILING = 512
"""No upload may be larger than what ingest accepts at all (`ingest.detect.MAX_FILE_BYTES`)."""


@dataclass(slots=True)
class Settings:
    """Everything the app needs to know at start."""

    data_dir: Path
    keys: KeyRing = field(default_factory=KeyRing)
    require_reader_key: bool = False
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 2**20
    ocr: str = "auto"
    config_path: Path | None = None


def load_settings(
    data_dir: Path,
    config_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Settings for `data_dir` from the config file and the environment."""
    env = os.environ if environ is None else environ
    if config_path is None and env.get(CONFIG_ENV):
        config_path = Path(env[CONFIG_ENV])
    if config_path is None and (data_dir / CONFIG_NAME).is_file():
        config_path = data_dir / CONFIG_NAME
    settings = Settings(data_dir=data_dir, config_path=config_path)
    if config_path is not None:
        _read_file(settings, config_path)
    if env.get(KEYS_ENV, "").strip():
        _read_env_keys(settings.keys, env[KEYS_ENV])
    if env.get(REQUIRE_READER_ENV, "").strip():
        settings.require_reader_key = _truthy(env[REQUIRE_READER_ENV], REQUIRE_READER_ENV)
    return settings


def _read_file(settings: Settings, path: Path) -> None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read config file {path}: {err}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"config file {path} is not valid TOML: {err}") from None
    unknown = set(data) - {"service", "api_keys"}
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
    service = data.get("service", {})
    if not isinstance(service, dict):
        raise ConfigError(f"{path}: [service] must be a table")
    for key, value in service.items():
        if key == "require_reader_key":
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: service.require_reader_key must be true or false")
            settings.require_reader_key = value
        elif key == "max_upload_mb":
            if not isinstance(value, int) or not 1 <= value <= MAX_UPLOAD_MB_CEILING:
                raise ConfigError(
                    f"{path}: service.max_upload_mb must be a whole number from 1 to "
                    f"{MAX_UPLOAD_MB_CEILING}"
                )
            settings.max_upload_bytes = value * 2**20
        else:
            raise ConfigError(f"{path}: unknown setting service.{key}")
    keys = data.get("api_keys", {})
    if not isinstance(keys, dict):
        raise ConfigError(f"{path}: [api_keys] must be a table of key = role")
    for n, (key, role) in enumerate(keys.items(), 1):
        where = f"{path}: api_keys entry {n}"
        settings.keys.add(key, _role(role, where), where)


def _read_env_keys(keys: KeyRing, value: str) -> None:
    for n, entry in enumerate((e.strip() for e in value.split(",")), 1):
        if not entry:
            continue
        where = f"{KEYS_ENV} entry {n}"
        key, sep, role = entry.rpartition("=")
        if not sep:
            raise ConfigError(f"{where} is not KEY=ROLE")
        keys.add(key.strip(), _role(role.strip(), where), where)


def _role(value: object, where: str) -> Role:
    names = ", ".join(r.name.lower() for r in Role if r is not Role.PUBLIC)
    if not isinstance(value, str):
        raise ConfigError(f"{where}: the role must be one of {names}")
    try:
        role = Role[value.strip().upper()]
    except KeyError:
        raise ConfigError(f"{where}: unknown role {value!r}; use one of {names}") from None
    if role is Role.PUBLIC:
        raise ConfigError(f"{where}: unknown role {value!r}; use one of {names}")
    return role


def _truthy(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be true or false, not {value!r}")
