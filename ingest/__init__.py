"""camnang ingest: files (PDF, DOCX, Markdown/text/HTML, scans) become structured Documents.

Format readers (`ingest.readers`) turn a file into a flat stream of Blocks and know nothing of
legal structure; structure parsers (`ingest.structure`) turn Blocks into a Document and know
nothing of file formats; `ingest.pipeline` puts the two together for one file.
"""
