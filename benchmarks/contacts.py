"""Contacts at scale: importing 5,000 contacts (vCard and CSV), the contact sheet of
a handbook holding them, and the contact list's model (load and filter-as-you-type).

Every figure is printed with its ratio to a baseline measured in the same run: a bare
``csv.reader`` + ``sqlite3`` ``executemany`` of the same rows into a table with the same
columns (what an import costs with no parsing of numbers, no duplicate matching and
no validation).

    QT_QPA_PLATFORM=offscreen python benchmarks/contacts.py [--count 5000]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crisisdesk.domain.clock import SystemClock
from crisisdesk.domain.contacts import Channel, ChannelKind, Contact
from crisisdesk.interchange import phones
from crisisdesk.interchange.csvfile import write_csv
from crisisdesk.interchange.vcard import write_vcards
from crisisdesk.services.handbook import init_handbook

GIVEN = [
    "Jan",
    "Anouk",
    "Pieter",
    "Sanne",
    "Mohamed",
    "Lotte",
    "Ruben",
    "Esther",
    "Thomas",
    "Marieke",
    "Koen",
    "Iris",
    "Zoë",
    "Deniz",
    "Łukasz",
    "Ayşe",
    "Femke",
    "Bram",
]
FAMILY = [
    "de Vries",
    "Mulder",
    "Bakker",
    "Janssen",
    "El Amrani",
    "Smit",
    "Meijer",
    "Dekker",
    "van Dijk",
    "Bos",
    "Vos",
    "Peters",
    "Yılmaz",
    "Kramer",
    "van den Berg",
    "Jansen",
    "Visser",
    "de Boer",
]
ORGS = [
    "Noordhaven Logistiek B.V.",
    "Polder Hosting B.V.",
    "Delta Netwerken",
    "Zeeland Verzekeringen N.V.",
]


def generate(count: int) -> list[Contact]:
    rng = random.Random(42)
    people = []
    for i in range(count):
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {i}"
        org = rng.choice(ORGS)
        people.append(
            Contact(
                id="",
                name=name,
                organisation=org,
                job_title=rng.choice(["Engineer", "Manager", "Advisor", "Operator"]),
                internal=org == ORGS[0],
                labels=(rng.choice(["IT", "Sales", "Operations"]),),
                channels=(
                    Channel(ChannelKind.MOBILE, f"06 {20000000 + i:08d}"),
                    Channel(ChannelKind.LANDLINE, f"020 {7000000 + i:07d}"),
                    Channel(ChannelKind.EMAIL, f"person{i}@example.org"),
                ),
            )
        )
    return people


def timed(fn: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def baseline(csv_path: Path, tmp: Path) -> None:
    """csv.reader + executemany of the same rows: the floor an import cannot beat."""
    db = tmp / f"baseline-{time.perf_counter_ns()}.db"
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE contacts (name, kind, organisation, job_title, internal, mobile, landline,"
        " email, other, labels, notes, availability, last_verified)"
    )
    with open(csv_path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        conn.executemany("INSERT INTO contacts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", reader)
    conn.commit()
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    count = parser.parse_args().count
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    people = generate(count)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        csv_path, vcf_path = tmp / "contacts.csv", tmp / "contacts.vcf"
        csv_path.write_text(write_csv(people), encoding="utf-8")
        vcf_path.write_text(write_vcards(people), encoding="utf-8")
        print(
            f"{count} contacts: CSV {csv_path.stat().st_size // 1024} KiB, vCard {vcf_path.stat().st_size // 1024} KiB"
        )

        base, _r = timed(lambda: baseline(csv_path, tmp), runs=5)
        print(f"baseline  csv.reader + sqlite executemany     {base * 1000:8.1f} ms  1.0x")

        def import_into(path: Path) -> Any:
            phones.normalise.cache_clear()  # every run starts cold
            phones.display.cache_clear()
            services = init_handbook(
                tmp / f"hb-{time.perf_counter_ns()}.db", country="NL", clock=SystemClock()
            )
            try:
                return services.contacts.import_file(path)
            finally:
                services.close()

        for label, path in (("CSV", csv_path), ("vCard", vcf_path)):
            seconds, preview = timed(lambda p=path: import_into(p))
            assert len(preview.to_add) == count, (label, len(preview.to_add), preview.problems[:3])
            print(
                f"import {label:<6} (parse, E.164, dedupe, save) {seconds * 1000:8.1f} ms  {seconds / base:5.1f}x"
            )

        services = init_handbook(tmp / "demo.db", demo=True, clock=SystemClock())
        try:
            services.contacts.import_file(csv_path)
            total = len(services.contacts.all())
            pages: list[int] = []
            seconds, _r = timed(
                lambda: services.contact_sheet.export_pdf(tmp / "sheet.pdf", on_page=pages.append),
                runs=1,
            )
            print(
                f"contact sheet of {total} contacts ({pages[-1]} pages)   {seconds * 1000:8.1f} ms  {seconds / base:5.1f}x"
            )
            seconds, _r = timed(
                lambda: services.contact_sheet.export_pdf(tmp / "wallet.pdf", layout="wallet")
            )
            print(
                f"wallet cards                              {seconds * 1000:8.1f} ms  {seconds / base:5.1f}x"
            )

            from PySide6.QtWidgets import QApplication

            from crisisdesk.ui.contacts_model import ContactsFilterProxy, ContactsTableModel

            _app = QApplication.instance() or QApplication([])
            seconds, entries = timed(services.contacts.entries)
            print(
                f"list entries (roles, numbers, search keys)  {seconds * 1000:8.1f} ms  {seconds / base:5.1f}x"
            )
            model = ContactsTableModel()
            proxy = ContactsFilterProxy()
            proxy.setSourceModel(model)
            seconds, _r = timed(lambda: model.set_entries(entries))
            print(
                f"model load {total} rows                     {seconds * 1000:8.1f} ms  {seconds / base:5.1f}x"
            )
            for query in ("j", "jan de", "bakker 12", "06 2000", "crisis lead"):
                seconds, _r = timed(lambda q=query: proxy.set_query(q))
                print(
                    f"filter '{query}' -> {proxy.rowCount():5d} rows              {seconds * 1000:8.1f} ms  {seconds / base:5.1f}x"
                )
            proxy.set_query("")
            proxy.setSortRole(proxy.sortRole())
            seconds, _r = timed(lambda: proxy.sort(0))
            print(
                f"sort by name                                {seconds * 1000:8.1f} ms  {seconds / base:5.1f}x"
            )
        finally:
            services.close()


if __name__ == "__main__":
    main()
