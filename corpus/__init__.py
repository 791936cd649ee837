"""camnang corpus: the domain model, Vietnamese text primitives and the SQLite store."""
