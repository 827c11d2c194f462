"""The Qt desktop application, built on `briefing_app.core`."""
