"""The constitution part in print: a print page per protocol, and its PDFs printed by Chromium
after the build."""
