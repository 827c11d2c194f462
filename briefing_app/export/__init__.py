"""PDF brief export with ReportLab; no Qt."""
