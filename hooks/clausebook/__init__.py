"""clausebook: a council protocol written once in YAML, published as a handbook, a print
part and an open dataset.

Stages, one module each, data flowing one way:
loading (YAML → plain data) → schema (shape) → assemble (data → model) → checks (integrity)
→ tagging (untagged obligations) → readings (as amended, as it was, tracked) → render / export.
``project.validate`` runs the stages up to tagging for a set of paths.
"""

FORMAT_VERSION = "1.2"
