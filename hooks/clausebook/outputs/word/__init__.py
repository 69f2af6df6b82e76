"""Word out: each protocol as a .docx, a revision with real Word tracked changes."""
