"""The build: the lock, strict Sphinx runs per language, the PDF and the brief's PDF, slimming the pages."""
