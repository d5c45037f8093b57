"""Playbooks: the built-in ones and the organisation's own (with version history).

A playbook is identified by its id and language. The organisation's own version of a
playbook (added from a file, every version kept) overrides the built-in one with the
same id and language. Which language is shown follows the handbook's ``language``
setting (auto = the system locale), falling back to English when there is no
translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from crisisdesk.domain.errors import InvalidInput, NotFound, Problem, Rejected
from crisisdesk.domain.i18n import _, system_language
from crisisdesk.domain.playbook import (
    PLAYBOOK_LANGUAGES,
    STANDARD_ROLE_KEYS,
    Playbook,
    PlaybookVersion,
)
from crisisdesk.playbooks.builtin import builtin_files
from crisisdesk.playbooks.parser import parse_file, parse_playbook
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.changes import Area, Changed
from crisisdesk.store import contacts_repo, playbooks_repo, settings_repo

FALLBACK_LANGUAGE = "en"
# Aliases: inside PlaybookService the name ``list`` is the method, not the type.
Versions = list[PlaybookVersion]
RoleKeys = list[str]


def validate_file(path: Path, roles: Iterable[str] = STANDARD_ROLE_KEYS) -> Playbook:
    """Check one playbook file (no handbook needed); raises InvalidInput with every problem."""
    playbook, _text = parse_file(Path(path), roles)
    return playbook


def load_builtin() -> tuple[list[PlaybookVersion], list[Problem]]:
    """Parse every built-in playbook; a broken one is left out and its problems returned."""
    versions: list[PlaybookVersion] = []
    problems: list[Problem] = []
    for file in builtin_files():
        try:
            playbook = parse_playbook(file.text, file.name)
        except InvalidInput as exc:
            problems.extend(exc.problems)
            continue
        versions.append(PlaybookVersion(playbook, file.text, builtin=True, filename=file.name))
    return versions, problems


BuiltinLoader = Callable[[], tuple[list[PlaybookVersion], list[Problem]]]


class PlaybookService:
    def __init__(self, ctx: ServiceContext, builtin_loader: BuiltinLoader = load_builtin) -> None:
        self._ctx = ctx
        self._load_builtin = builtin_loader
        self._builtin: list[PlaybookVersion] | None = None
        self.builtin_problems: list[Problem] = []

    # -- reading ------------------------------------------------------------------------
    def builtin(self) -> list[PlaybookVersion]:
        if self._builtin is None:  # parsed once: the files ship with the program
            self._builtin, self.builtin_problems = self._load_builtin()
        return list(self._builtin)

    def entries(self) -> list[PlaybookVersion]:
        """The current version of every playbook, by id then language; own ones override
        built-in ones with the same id and language."""
        current = {(v.playbook.id, v.playbook.language): v for v in self.builtin()}
        for version in playbooks_repo.latest_versions(self._ctx.handbook.conn):
            current[(version.playbook.id, version.playbook.language)] = version
        return [current[key] for key in sorted(current)]

    def list(self) -> list[Playbook]:
        """Every playbook available (latest version of each id and language)."""
        return [v.playbook for v in self.entries()]

    def content_language(self) -> str:
        """The language playbooks are shown in: the 'language' setting, auto = system."""
        chosen = str(settings_repo.get_setting(self._ctx.handbook.conn, "language") or "auto")
        if chosen == "auto":
            chosen = system_language()
        return chosen if chosen in PLAYBOOK_LANGUAGES else FALLBACK_LANGUAGE

    def entry(self, playbook_id: str, language: str | None = None) -> PlaybookVersion:
        """The current version of a playbook in ``language`` (None: the content language),
        or in English when it has no such translation. Raises NotFound."""
        wanted = language or self.content_language()
        current = {(v.playbook.id, v.playbook.language): v for v in self.entries()}
        for lang in (wanted, FALLBACK_LANGUAGE):
            if (playbook_id, lang) in current:
                return current[(playbook_id, lang)]
        known = sorted({pid for pid, _lang in current})
        raise NotFound(
            _("no playbook '{id}' (available: {known})").format(
                id=playbook_id, known=", ".join(known) or _("none")
            )
        )

    def get(self, playbook_id: str, language: str | None = None) -> Playbook:
        """The current playbook ``playbook_id`` (see ``entry``). Raises NotFound."""
        return self.entry(playbook_id, language).playbook

    def history(self, playbook_id: str, language: str | None = None) -> Versions:
        """Every version of one playbook in one language, oldest first: the built-in one
        (when there is one) and then each version the organisation added."""
        lang = language or self.content_language()
        builtin = [
            v for v in self.builtin() if (v.playbook.id, v.playbook.language) == (playbook_id, lang)
        ]
        stored = playbooks_repo.history(self._ctx.handbook.conn, playbook_id, lang)
        if not builtin and not stored:
            raise NotFound(
                _("no playbook '{id}' in language '{language}'").format(
                    id=playbook_id, language=lang
                )
            )
        return builtin + stored

    def suggest_for(self, crisis_type: str, language: str | None = None) -> Playbook:
        """The playbook to use for a crisis of this type: the one whose id is the type,
        else another of that type, else the generic one. Raises NotFound."""
        try:
            return self.get(crisis_type, language)
        except NotFound:
            pass
        wanted = language or self.content_language()
        of_type = [p for p in self.list() if p.crisis_type == crisis_type]
        for lang in (wanted, FALLBACK_LANGUAGE):
            matches = [p for p in of_type if p.language == lang]
            if matches:
                return matches[0]
        return self.get("generic", language)

    def roles(self) -> RoleKeys:
        """Role keys an item may name as owner: the standard ones and the handbook's."""
        keys = [r.key for r in contacts_repo.list_roles(self._ctx.handbook.conn)]
        return list(dict.fromkeys([*STANDARD_ROLE_KEYS, *keys]))

    # -- changing -----------------------------------------------------------------------
    def add(self, path: Path) -> Playbook:
        """Validate a playbook file and store it as a new version of the organisation's own
        playbook. Nothing is stored when the file has a problem (InvalidInput) or this
        version is already in the handbook (Rejected)."""
        path = Path(path)
        playbook, text = parse_file(path, self.roles())
        with self._ctx.handbook.transaction() as conn:
            if playbooks_repo.has_version(conn, playbook.id, playbook.language, playbook.version):
                raise Rejected(
                    _(
                        "{path}: playbook '{id}' ({language}) version {version} is already in "
                        "the handbook; raise 'version:' in the file to add it as a new version"
                    ).format(
                        path=path,
                        id=playbook.id,
                        language=playbook.language,
                        version=playbook.version,
                    )
                )
            playbooks_repo.add_version(conn, playbook, text, path.name, self._ctx.now_iso())
        self._ctx.notifier.notify(Changed.of(Area.PLAYBOOKS))
        return playbook
