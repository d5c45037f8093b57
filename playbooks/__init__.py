"""Built-in markdown playbooks shipped with crisisdesk (data only)."""
