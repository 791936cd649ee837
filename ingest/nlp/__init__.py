"""Citations and entities in Vietnamese text: a spaCy pipeline over the one citation grammar."""

from ingest.nlp.pipeline import Analysis, Mention, analyse, get_nlp

__all__ = ["Analysis", "Mention", "analyse", "get_nlp"]
