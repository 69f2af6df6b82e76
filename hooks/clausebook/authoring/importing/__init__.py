"""Word in: a council's .docx read (``docx_reading``, with Word's automatic numbering in
``docx_numbering``) into the document as read (``document``), its paragraphs' words and numbers
(``paragraph_words``) built into a draft source file (``importer``), then settled (``settling``)."""
