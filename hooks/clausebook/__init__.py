"""clausebook: a council protocol written once in YAML, published as a handbook, a print part,
Word documents and an open dataset.

The packages, from the bottom up; each imports only from those above it in this list
(tests/test_layers.py reads the imports and keeps it so):

- ``format``: the source format, from bytes to a checked, typed model: ``loading`` (YAML → located
  plain data), ``schema`` (its shape), ``assemble`` (→ ``model``), ``markup`` (the text's Markdown
  and tracked changes), ``sentences`` (where a sentence ends), ``numbering``, ``word_diff``; then,
  on every reading, ``checks``, ``tagging`` (untagged obligations) and ``validation``, which runs
  them all for a set of paths.
- ``citations``: how a reader cites each clause ("Appendix B paragraph 1", "Table 1").
- ``readings``: the protocol as amended, as it was and tracked; the concordance of old and new
  numbers; moving moved clauses back and taking one side of a change, once for everything.
- ``urls`` (every address on the site) and ``settings`` (the council's own, from mkdocs.yml).
- ``records``: the records the open dataset publishes, each defined once (``types``, ``changes``,
  ``comparison``), the ``Dataset`` built from the readings, each obligation's sentence read alone
  (``standalone``), and the JSON Schemas made from them.
- ``compare_councils``: two councils' protocols compared, clause by clause and role by role.
- ``context``: one build's context, handed to every output.
- ``outputs``: what a build makes from the context, each output with the same interface:
  ``site`` (section, role, glossary and comparison pages), ``print`` (print pages, PDFs),
  ``word`` (.docx), ``data`` (JSON, CSV, schemas), and what they share (``html``, ``changes``).
- ``authoring``: writing source files: ``writer`` (the canonical YAML), ``revisions`` (accept,
  reject), ``compare_versions`` (two versions → a revision), ``importing`` (a Word document in).
- ``mkdocs``: the MkDocs side, the only package that imports MkDocs: one ``build`` the hooks
  keep, the ``handbook`` of one build, its ``cache`` and ``pagehtml``.
- ``cli``: `clausebook validate | format | compare | accept | reject | docx | import`.
"""

FORMAT_VERSION = "1.7"
