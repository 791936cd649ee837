"""camnang's outside: the application facade (`library`), the command line and the HTTP service."""
