"""The kerasq language server: Keras interview hovers, pitfall diagnostics and quick fixes (never imports keras)."""
