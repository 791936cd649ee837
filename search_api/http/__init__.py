"""The HTTP service: a FastAPI app (JSON API and Vietnamese web pages) over one data folder."""

from search_api.http.app import create_app
from search_api.http.settings import Settings, load_settings

__all__ = ["Settings", "create_app", "load_settings"]
