"""Build a static archive of Vietnamese meeting conclusions from plain-text sources."""
