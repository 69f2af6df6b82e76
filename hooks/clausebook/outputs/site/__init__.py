"""The handbook's pages: sections, permalinks and the Data page (``render``), the glossary, the
role pages, the comparisons of councils, and what each page's footer says (``footer``)."""
