"""Briefing Reader: read, cross-examine, annotate and brief from structured briefings."""

__version__ = "0.1.0"
