"""The demo organisation: Noordhaven Logistiek B.V., a fictional Dutch logistics firm.

All names and numbers are invented. Phone numbers use the Dutch ranges reserved for
fiction and tests where they exist (06-12345xxx style mobiles, 020-7xx landlines).
"""

from __future__ import annotations

ORGANISATION = "Noordhaven Logistiek B.V."
COUNTRY = "NL"

# (key, name, job title, department, mobile, landline, email)
PEOPLE: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    (
        "jdevries",
        "Jan de Vries",
        "Director IT & Operations",
        "Management",
        "06 12345 001",
        "020 700 1001",
        "j.devries@noordhaven.example",
    ),
    (
        "amulder",
        "Anouk Mulder",
        "Head of IT",
        "IT",
        "06 12345 002",
        "020 700 1002",
        "a.mulder@noordhaven.example",
    ),
    (
        "pbakker",
        "Pieter Bakker",
        "Senior system administrator",
        "IT",
        "06 12345 003",
        "020 700 1003",
        "p.bakker@noordhaven.example",
    ),
    (
        "sjanssen",
        "Sanne Janssen",
        "Network engineer",
        "IT",
        "06 12345 004",
        "020 700 1004",
        "s.janssen@noordhaven.example",
    ),
    (
        "mvisser",
        "Mohamed El Amrani",
        "Security officer (CISO)",
        "IT",
        "06 12345 005",
        "020 700 1005",
        "m.elamrani@noordhaven.example",
    ),
    (
        "lsmit",
        "Lotte Smit",
        "Communications manager",
        "Communications",
        "06 12345 006",
        "020 700 1006",
        "l.smit@noordhaven.example",
    ),
    (
        "rmeijer",
        "Ruben Meijer",
        "Communications advisor",
        "Communications",
        "06 12345 007",
        "020 700 1007",
        "r.meijer@noordhaven.example",
    ),
    (
        "edekker",
        "Esther Dekker",
        "Data protection officer (FG)",
        "Legal & Compliance",
        "06 12345 008",
        "020 700 1008",
        "fg@noordhaven.example",
    ),
    (
        "tvandijk",
        "Thomas van Dijk",
        "Legal counsel",
        "Legal & Compliance",
        "06 12345 009",
        "020 700 1009",
        "t.vandijk@noordhaven.example",
    ),
    (
        "mbos",
        "Marieke Bos",
        "Chief executive officer",
        "Management",
        "06 12345 010",
        "020 700 1010",
        "m.bos@noordhaven.example",
    ),
    (
        "kvos",
        "Koen Vos",
        "Chief financial officer",
        "Management",
        "06 12345 011",
        "020 700 1011",
        "k.vos@noordhaven.example",
    ),
    (
        "ipeters",
        "Iris Peters",
        "HR manager",
        "HR",
        "06 12345 012",
        "020 700 1012",
        "i.peters@noordhaven.example",
    ),
    (
        "shendriks",
        "Sven Hendriks",
        "Warehouse operations manager",
        "Operations",
        "06 12345 013",
        "020 700 1013",
        "s.hendriks@noordhaven.example",
    ),
    (
        "nvanleeuwen",
        "Noor van Leeuwen",
        "Transport planning lead",
        "Operations",
        "06 12345 014",
        "020 700 1014",
        "n.vanleeuwen@noordhaven.example",
    ),
    (
        "bdejong",
        "Bram de Jong",
        "Service desk lead",
        "IT",
        "06 12345 015",
        "020 700 1015",
        "b.dejong@noordhaven.example",
    ),
    (
        "fvandenberg",
        "Fleur van den Berg",
        "Application manager (WMS)",
        "IT",
        "06 12345 016",
        "020 700 1016",
        "f.vandenberg@noordhaven.example",
    ),
    (
        "dyilmaz",
        "Deniz Yılmaz",
        "Database administrator",
        "IT",
        "06 12345 017",
        "020 700 1017",
        "d.yilmaz@noordhaven.example",
    ),
    (
        "wkoster",
        "Willem Koster",
        "Facility manager",
        "Facilities",
        "06 12345 018",
        "020 700 1018",
        "w.koster@noordhaven.example",
    ),
    (
        "ebrouwer",
        "Emma Brouwer",
        "Customer service lead",
        "Sales",
        "06 12345 019",
        "020 700 1019",
        "e.brouwer@noordhaven.example",
    ),
    (
        "lprins",
        "Lars Prins",
        "Key account manager",
        "Sales",
        "06 12345 020",
        "020 700 1020",
        "l.prins@noordhaven.example",
    ),
    (
        "cwillems",
        "Chantal Willems",
        "Management assistant (scribe)",
        "Management",
        "06 12345 021",
        "020 700 1021",
        "c.willems@noordhaven.example",
    ),
    (
        "hvanwijk",
        "Hugo van Wijk",
        "Site manager Rotterdam",
        "Operations",
        "06 12345 022",
        "010 700 1022",
        "h.vanwijk@noordhaven.example",
    ),
    (
        "zsmits",
        "Zoë Smits",
        "Finance controller",
        "Finance",
        "06 12345 023",
        "020 700 1023",
        "z.smits@noordhaven.example",
    ),
    (
        "gkramer",
        "Gijs Kramer",
        "Works council chair",
        "Works council",
        "06 12345 024",
        "020 700 1024",
        "or@noordhaven.example",
    ),
    (
        "achen",
        "Amy Chen",
        "Cloud engineer",
        "IT",
        "06 12345 025",
        "020 700 1025",
        "a.chen@noordhaven.example",
    ),
)

# (key, name, organisation, what for, phone, email, notes)
EXTERNAL: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    (
        "ir",
        "Incident response hotline",
        "Veilig Digitaal Security B.V.",
        "IT-security / incident-response specialist (retainer NH-2291)",
        "088 700 2000",
        "soc@veiligdigitaal.example",
        "24/7; quote retainer number NH-2291",
    ),
    (
        "insurer",
        "Cyber claims desk",
        "Zeeland Verzekeringen N.V.",
        "Cyber insurer, policy CY-448812",
        "070 700 3000",
        "cyberclaims@zeeland.example",
        "Call before engaging third parties: the policy requires approval",
    ),
    (
        "police",
        "Police (report of a crime)",
        "Politie Nederland",
        "Report cybercrime; emergency 112 only for danger to life",
        "0900 8844",
        "",
        "Ask for the cybercrime team of the region",
    ),
    (
        "ap",
        "Autoriteit Persoonsgegevens",
        "Autoriteit Persoonsgegevens",
        "Data-protection authority: GDPR breach notification (online form)",
        "088 1805 250",
        "",
        "Notify within 72 h of becoming aware; keep the form's reference number",
    ),
    (
        "csirt",
        "Sector CSIRT",
        "Z-CERT / sector CSIRT",
        "NIS2 early warning and notification",
        "070 700 4000",
        "csirt@sector.example",
        "Early warning within 24 h, notification within 72 h",
    ),
    (
        "msp",
        "Managed service provider",
        "Polder Hosting B.V.",
        "Hosting of WMS and e-mail",
        "020 700 5000",
        "support@polderhosting.example",
        "Contract SLA P1: 30 minutes",
    ),
    (
        "isp",
        "Internet provider NOC",
        "Delta Netwerken",
        "Fibre line and firewall (managed)",
        "020 700 6000",
        "noc@deltanet.example",
        "Circuit ID DN-55-1290",
    ),
    (
        "lawyer",
        "External counsel",
        "Van Houten Advocaten",
        "Privacy and cyber law",
        "020 700 7000",
        "privacy@vanhouten.example",
        "",
    ),
)

# (key, name, description, [people keys: primary first, then backups])
ROLES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "crisis-lead",
        "Crisis lead",
        "Leads the crisis team, decides, owns the log",
        ("jdevries", "amulder", "mbos"),
    ),
    (
        "deputy",
        "Deputy crisis lead",
        "Takes over when the lead is unavailable",
        ("amulder", "pbakker"),
    ),
    ("scribe", "Scribe", "Keeps the incident log", ("cwillems", "ipeters")),
    (
        "it-lead",
        "IT lead",
        "Directs technical containment and recovery",
        ("pbakker", "sjanssen", "achen"),
    ),
    (
        "security",
        "Security officer",
        "Forensics, threat analysis, contact with the IR specialist",
        ("mvisser", "pbakker"),
    ),
    (
        "communications",
        "Communications",
        "Internal and external messages, press",
        ("lsmit", "rmeijer"),
    ),
    (
        "privacy-officer",
        "Privacy officer / DPO",
        "GDPR assessment and notification",
        ("edekker", "tvandijk"),
    ),
    ("legal", "Legal", "Contracts, liability, police report", ("tvandijk", "edekker")),
    ("management", "Management", "Board decisions, budget, insurer", ("mbos", "kvos")),
    (
        "business-liaison",
        "Business liaison",
        "Impact on warehouses and transport",
        ("shendriks", "nvanleeuwen"),
    ),
    ("customer-liaison", "Customer liaison", "Customers and partners", ("ebrouwer", "lprins")),
)

# (caller key or None for the top, callee key, backup key or None)
CALL_TREE: tuple[tuple[str | None, str, str | None], ...] = (
    (None, "jdevries", "amulder"),
    ("jdevries", "amulder", "pbakker"),
    ("jdevries", "mbos", "kvos"),
    ("jdevries", "lsmit", "rmeijer"),
    ("jdevries", "edekker", "tvandijk"),
    ("jdevries", "cwillems", "ipeters"),
    ("amulder", "pbakker", "sjanssen"),
    ("amulder", "mvisser", "pbakker"),
    ("amulder", "bdejong", "fvandenberg"),
    ("pbakker", "sjanssen", "achen"),
    ("pbakker", "dyilmaz", "fvandenberg"),
    ("pbakker", "achen", None),
    ("bdejong", "fvandenberg", None),
    ("mbos", "kvos", "zsmits"),
    ("mbos", "tvandijk", None),
    ("mbos", "gkramer", None),
    ("lsmit", "rmeijer", None),
    ("lsmit", "ebrouwer", "lprins"),
    ("ebrouwer", "lprins", None),
    ("cwillems", "ipeters", None),
    ("jdevries", "shendriks", "nvanleeuwen"),
    ("shendriks", "nvanleeuwen", None),
    ("shendriks", "hvanwijk", None),
    ("shendriks", "wkoster", None),
    ("kvos", "zsmits", None),
)

PLAN: tuple[tuple[str, str, str], ...] = (
    (
        "scope",
        "Scope and purpose",
        """This plan tells Noordhaven Logistiek B.V. how to act when an IT incident
threatens our warehouses, transport planning or the personal data we hold.

It covers all IT systems of the Amsterdam head office and the Rotterdam and Venlo
sites: the warehouse management system (WMS), transport planning (TMS), e-mail,
file shares, the ERP and the network. It applies to employees, temporary staff and
suppliers who manage our systems.

**Purpose:** keep people safe, limit damage, restore critical processes in order of
priority, meet our legal duties (GDPR, NIS2) and learn from every incident.""",
    ),
    (
        "activation",
        "Activation criteria",
        """Anyone may raise the alarm with the service desk (020 700 1015) or the crisis
lead. The crisis lead (or deputy) activates the crisis team when one of these holds:

- a critical system (WMS, TMS, ERP, e-mail) is down or expected to be down for more
  than **2 hours**;
- signs of ransomware: encrypted files, ransom notes, mass file renames;
- a (suspected) breach of personal data;
- a (suspected) compromise of an administrator or management account;
- an attack that stops customers reaching us (DDoS);
- any incident likely to reach the press, regulators or customers.

When in doubt, activate: standing the team down costs little.""",
    ),
    (
        "team",
        "Crisis team and responsibilities",
        """| Role | Primary | Backups |
|---|---|---|
| Crisis lead | Jan de Vries | Anouk Mulder, Marieke Bos |
| IT lead | Pieter Bakker | Sanne Janssen, Amy Chen |
| Security officer | Mohamed El Amrani | Pieter Bakker |
| Communications | Lotte Smit | Ruben Meijer |
| Privacy officer (FG) | Esther Dekker | Thomas van Dijk |
| Scribe | Chantal Willems | Iris Peters |

The **crisis lead** decides and is the only one who closes the incident. The
**scribe** logs every decision, call and observation with its time. The **IT lead**
directs containment and recovery. The **privacy officer** decides on GDPR
notification within the 72-hour window. **Communications** drafts every message;
nobody else speaks to the press.""",
    ),
    (
        "escalation",
        "Escalation",
        """1. Service desk → IT lead (within 15 minutes of a suspected incident).
2. IT lead → crisis lead (within 30 minutes when an activation criterion holds).
3. Crisis lead → management (within 1 hour for severity *high* or *critical*).
4. Crisis lead → insurer before engaging paid third parties (policy CY-448812).
5. Privacy officer → Autoriteit Persoonsgegevens within 72 hours of becoming aware of
   a personal-data breach, unless the breach is unlikely to result in a risk.

Crisis room: meeting room *Haven* (head office, 2nd floor). Fallback: the Rotterdam
site office. Out-of-band channel: the Signal group "NH crisis" on company phones.""",
    ),
    (
        "communication",
        "Communication policy",
        """- One voice: Communications drafts, the crisis lead approves every external message.
- Inform staff early and often (every 2 hours during the first day), even when there
  is little news: rumours spread faster than facts.
- Customers with deliveries in the next 48 hours hear from their account manager
  before they read it elsewhere.
- Never confirm or deny a ransom payment publicly; say what we do to restore service.
- Assume e-mail and Teams are compromised during a cyber incident: use phones and the
  printed contact sheet.""",
    ),
    (
        "recovery",
        "Recovery priorities",
        """Restore in this order unless the crisis lead decides otherwise:

1. Identity (Active Directory, MFA) and the network core — everything depends on them.
2. WMS and handheld scanners — warehouses stop within 4 hours without them.
3. TMS and carrier interfaces — trucks must be planned within 8 hours.
4. E-mail and telephony.
5. ERP and finance.
6. File shares and everything else.

Recovery time objectives: WMS 8 h, TMS 12 h, e-mail 24 h, ERP 48 h. Backups: offline
copy weekly (tape, kept at the Rotterdam site), immutable copy daily.""",
    ),
    (
        "monitoring",
        "Monitoring and reporting",
        """- Endpoint detection on every laptop and server, monitored 24/7 by Veilig Digitaal.
- Firewall and VPN logs kept for 180 days; alerts to the service desk.
- Staff report suspicious e-mail with the report button; the service desk reviews daily.
- Backups are test-restored monthly; results reported to the IT lead.
- This handbook is reviewed every year and after every incident.""",
    ),
    (
        "training",
        "Training and exercises",
        """- Yearly tabletop exercise of the crisis team with one of the playbooks, rotating
  through ransomware, data breach and outage.
- Phishing awareness training for all staff twice a year.
- New crisis team members walk through this handbook with the crisis lead within a month.
- Every exercise ends with an evaluation; improvement actions are tracked in crisisdesk
  until done.""",
    ),
)
