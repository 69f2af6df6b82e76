"""The MkDocs side of clausebook, and the only package that imports MkDocs: the ``Build`` the hook
file keeps, one build's ``Handbook``, the warm-rebuild ``cache`` and ``pagehtml``."""
