"""crisisdesk: an offline desktop IT-crisis handbook."""

__version__ = "0.1.0"
