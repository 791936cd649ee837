"""Format readers: one module per format, each turning a file into a ReadResult of Blocks."""
