"""clausebook: a council protocol written once in YAML, published as a handbook, a print
part and an open dataset.

Stages, one module each, data flowing one way:
loading (YAML → plain data) → schema (shape) → assemble (data → model) → checks (integrity)
→ tagging (untagged obligations) → readings (as amended, as it was, tracked) → render / export.
``project.validate`` runs the stages up to tagging for a set of paths. After the build, ``pdf``
prints each protocol's print page; ``docx`` writes it as Word documents. ``across`` compares two
councils' protocols, for its page, its data and `clausebook compare --across`.

The command line also writes source files: ``writer`` (plain data → YAML in the canonical
layout), ``revisions`` (accept or reject a revision's changes) and ``compare`` (two versions → a
revision).
"""

FORMAT_VERSION = "1.3"
