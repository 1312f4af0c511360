"""read -> parse -> extract -> link, and the loader that runs them with its cache and pool."""
