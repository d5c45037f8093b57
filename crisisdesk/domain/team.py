"""The usual roles of an IT-crisis team, offered when a handbook has none yet.

Keys are the ones playbooks name as checklist owners (``playbook.STANDARD_ROLE_KEYS``);
names and tasks follow common practice (see /shared DOMAIN.md "Roles in a crisis team").
Titles are English source strings, translated where they are shown.
"""

from __future__ import annotations

# (key, name, task)
STANDARD_ROLES: tuple[tuple[str, str, str], ...] = (
    ("crisis-lead", "Crisis lead", "Leads the crisis team, decides, owns the log"),
    ("deputy", "Deputy crisis lead", "Takes over when the lead is unavailable"),
    ("scribe", "Scribe", "Keeps the incident log"),
    ("it-lead", "IT lead", "Directs technical containment and recovery"),
    ("security", "Security officer", "Forensics, threat analysis, the IR specialist"),
    ("communications", "Communications", "Internal and external messages, press"),
    ("privacy-officer", "Privacy officer / DPO", "GDPR assessment and notification"),
    ("legal", "Legal", "Contracts, liability, police report"),
    ("management", "Management", "Board decisions, budget, insurer"),
    ("business-liaison", "Business liaison", "Impact on the business processes"),
    ("customer-liaison", "Customer liaison", "Customers and partners"),
)
