"""Structure parsers: Blocks → the parts of a Document (header, provision tree, findings)."""
