"""The model -> pages, search, open data, feeds: each a mapping of paths to contents."""
