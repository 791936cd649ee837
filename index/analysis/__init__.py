"""Every decision about Vietnamese text in search: tokens, normalization, folding, expansion."""
