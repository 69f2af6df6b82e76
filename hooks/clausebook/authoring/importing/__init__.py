"""Word in: a council's .docx read (``docx_reading``, with Word's automatic numbering in
``docx_numbering``) and built into a draft source file (``importer``)."""
