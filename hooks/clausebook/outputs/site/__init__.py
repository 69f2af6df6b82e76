"""The handbook's pages: sections, permalinks and the Data page (``render``), the glossary, the
role pages and the comparisons of councils."""
