"""camnang index: Vietnamese analysis, the search engine interface and its engines."""
