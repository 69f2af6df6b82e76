"""Writing source files: the canonical YAML, accepting and rejecting a revision, comparing two
versions into a revision, and bringing a Word document in."""
