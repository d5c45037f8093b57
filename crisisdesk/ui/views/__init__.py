"""The main window's areas, one module each."""
