"""The HTTP service: a FastAPI app (JSON API and Vietnamese web pages) over one data folder.

`app.create_app(settings)` builds it; `settings.load_settings` reads its configuration.
"""
