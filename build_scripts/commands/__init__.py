"""What a user runs: one module per verb of ``python -m build_scripts``."""
