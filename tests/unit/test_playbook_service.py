"""PlaybookService: built-in and own playbooks, versions, languages, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisdesk.domain.contacts import Role
from crisisdesk.domain.errors import InvalidInput, NotFound, Problem, Rejected
from crisisdesk.domain.playbook import PlaybookVersion
from crisisdesk.playbooks.builtin import builtin_files
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services
from crisisdesk.services.playbooks import PlaybookService
from crisisdesk.store import contacts_repo
from tests.playbook_samples import builtin_version, sample_text, write_sample

BUILTIN = [
    builtin_version(id="generic", title="Generic IT crisis"),
    builtin_version(id="generic", language="nl", title="Algemene IT-crisis"),
    builtin_version(id="ransomware"),
    builtin_version(id="ransomware", language="nl", title="Ransomware-aanval"),
    builtin_version(id="ddos", title="DDoS attack"),  # English only
]


def fixed_builtin() -> tuple[list[PlaybookVersion], list[Problem]]:
    return list(BUILTIN), []


@pytest.fixture
def playbooks(services: Services) -> PlaybookService:
    return PlaybookService(services.ctx, fixed_builtin)


def stored_count(services: Services) -> int:
    return int(services.ctx.handbook.conn.execute("SELECT count(*) FROM playbooks").fetchone()[0])


def test_lists_builtin_playbooks_by_id_and_language(playbooks: PlaybookService) -> None:
    listed = [(p.id, p.language) for p in playbooks.list()]
    assert listed == [
        ("ddos", "en"),
        ("generic", "en"),
        ("generic", "nl"),
        ("ransomware", "en"),
        ("ransomware", "nl"),
    ]
    assert all(e.builtin for e in playbooks.entries())


def test_own_playbook_overrides_builtin_of_same_id_and_language(
    playbooks: PlaybookService, services: Services, tmp_path: Path
) -> None:
    path = write_sample(tmp_path, id="ransomware", version="2.0", title="Our ransomware plan")
    added = playbooks.add(path)
    assert added.title == "Our ransomware plan"
    entry = playbooks.entry("ransomware", "en")
    assert (entry.builtin, entry.playbook.version, entry.filename) == (False, "2.0", path.name)
    assert entry.markdown == path.read_text("utf-8")
    assert entry.added_at is not None
    # the Dutch built-in one is untouched, and the list still has one entry per id+language
    assert playbooks.entry("ransomware", "nl").builtin
    assert len(playbooks.list()) == len(BUILTIN)
    assert stored_count(services) == 1


def test_own_playbook_with_a_new_id_is_listed(playbooks: PlaybookService, tmp_path: Path) -> None:
    playbooks.add(write_sample(tmp_path, id="flood", type="outage", title="Flooded server room"))
    assert ("flood", "en") in [(p.id, p.language) for p in playbooks.list()]


def test_every_version_is_kept_and_the_latest_is_current(
    playbooks: PlaybookService, tmp_path: Path
) -> None:
    for version in ("1.1", "1.2"):
        playbooks.add(write_sample(tmp_path, version=version))
    history = playbooks.history("ransomware", "en")
    assert [(v.builtin, v.playbook.version) for v in history] == [
        (True, "1.0"),
        (False, "1.1"),
        (False, "1.2"),
    ]
    assert playbooks.get("ransomware", "en").version == "1.2"


def test_same_version_twice_is_refused_and_nothing_stored(
    playbooks: PlaybookService, services: Services, tmp_path: Path
) -> None:
    path = write_sample(tmp_path, version="3.0")
    playbooks.add(path)
    with pytest.raises(Rejected, match=r"version 3\.0 is already in the handbook"):
        playbooks.add(path)
    assert stored_count(services) == 1


def test_invalid_file_is_refused_with_lines_and_nothing_stored(
    playbooks: PlaybookService, services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "bad.md"
    path.write_text(sample_text().replace("owner: scribe", "owner: janitor"), "utf-8")
    with pytest.raises(InvalidInput) as caught:
        playbooks.add(path)
    (problem,) = caught.value.problems
    assert problem.source == str(path)
    lines = path.read_text("utf-8").split("\n")
    assert "janitor" in lines[problem.line - 1]  # type: ignore[operator]
    assert stored_count(services) == 0


def test_owner_may_be_a_role_the_handbook_defines(
    playbooks: PlaybookService, services: Services, tmp_path: Path
) -> None:
    with services.ctx.handbook.transaction() as conn:
        contacts_repo.insert_role(conn, Role(id="r1", key="facility-manager", name="Facilities"))
    path = tmp_path / "own.md"
    path.write_text(sample_text().replace("owner: scribe", "owner: facility-manager"), "utf-8")
    added = playbooks.add(path)
    assert added.item("identification.1").owner_role == "facility-manager"  # type: ignore[union-attr]


def test_add_notifies_after_commit(
    playbooks: PlaybookService, services: Services, tmp_path: Path
) -> None:
    seen: list[tuple[Changed, int]] = []
    services.notifier.subscribe(lambda change: seen.append((change, stored_count(services))))
    playbooks.add(write_sample(tmp_path, version="5"))
    assert seen == [(Changed.of(Area.PLAYBOOKS), 1)]


def test_language_follows_the_setting_and_falls_back_to_english(
    playbooks: PlaybookService, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.settings.set("language", "nl")
    assert playbooks.get("ransomware").title == "Ransomware-aanval"
    assert playbooks.get("ransomware", "en").title == "Ransomware attack"
    assert playbooks.get("ddos").language == "en"  # no Dutch translation
    services.settings.set("language", "auto")
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert playbooks.content_language() == "nl"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert playbooks.get("ransomware").language == "en"


def test_unknown_playbook_is_not_found(playbooks: PlaybookService) -> None:
    with pytest.raises(NotFound, match="no playbook 'flood'"):
        playbooks.get("flood")
    with pytest.raises(NotFound):
        playbooks.history("flood", "en")


def test_suggest_for_crisis_type(playbooks: PlaybookService, tmp_path: Path) -> None:
    assert playbooks.suggest_for("ransomware", "nl").id == "ransomware"
    assert playbooks.suggest_for("phishing", "en").id == "generic"
    playbooks.add(write_sample(tmp_path, id="our-phishing", type="phishing", title="Phish"))
    assert playbooks.suggest_for("phishing", "nl").id == "our-phishing"


def test_broken_builtin_is_left_out_and_reported(services: Services) -> None:
    def loader() -> tuple[list[PlaybookVersion], list[Problem]]:
        return [BUILTIN[0]], [Problem("ddos.en.md", 3, "bad")]

    playbooks = PlaybookService(services.ctx, loader)
    assert [p.id for p in playbooks.list()] == ["generic"]
    assert playbooks.builtin_problems == [Problem("ddos.en.md", 3, "bad")]


def test_builtin_files_skip_the_readme(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# How to write a playbook", "utf-8")
    (tmp_path / "__init__.py").write_text("", "utf-8")
    write_sample(tmp_path, id="ddos")
    assert [f.name for f in builtin_files(tmp_path)] == ["ddos.en.md"]


def test_readiness_counts_the_playbooks(services: Services, tmp_path: Path) -> None:
    services.playbooks.add(write_sample(tmp_path, id="flood", type="outage", reviewed="2020-01-01"))
    facts = services.readiness.facts()
    assert facts.playbooks_stale >= 1
    assert "en" in facts.playbook_languages
