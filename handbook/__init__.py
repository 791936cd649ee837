"""camnang handbook: the violations catalogue and handbooks users take away."""
