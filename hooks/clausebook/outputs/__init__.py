"""What a build makes from its context: each output gives pages and files (``output.Output``).
``html`` and ``changes`` are what several outputs share; each sub-package is one output family
and imports no other's modules."""
