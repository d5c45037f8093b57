"""SQLite persistence through sqlite-utils: schema, migrations, repositories, backup.

Imports only ``crisisdesk.domain``. Repositories are plain functions over a
connection; the caller (a service) owns the transaction.
"""
