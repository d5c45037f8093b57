"""The incident cockpit: header, phase guide, checklist, panels, log and quick entry."""
