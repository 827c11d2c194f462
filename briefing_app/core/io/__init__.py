"""Safe file input and output shared by the core: the untrusted-YAML reader and atomic writes.

Depends only on the standard library, PyYAML and `briefing_app.core.problems`.
"""
