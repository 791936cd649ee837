"""Fixtures of the HTTP service tests (defined in `service_fixtures`)."""

from tests.search_api.service_fixtures import thads_app, thads_data, thads_template  # noqa: F401
