"""Qt-free core: model, loading and validation, provenance, annotations, anchoring.

Nothing in this package may import Qt or ReportLab (a test checks).
"""
