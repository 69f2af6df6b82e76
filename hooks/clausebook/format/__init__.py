"""The source format: YAML bytes → located plain data → a checked, typed model, with every
problem located at its file, line and column."""
