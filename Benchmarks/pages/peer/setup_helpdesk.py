#!/usr/bin/env python3
"""Builds the django-helpdesk side of the page benchmark: Benchmarks/pages/peer/setup_helpdesk.py DATA_DIR

Migrates a fresh SQLite database in DATA_DIR (or $PEER_DATA_DIR), creates one staff agent (PEER_USER / PEER_PASSWORD),
one queue, PEER_TICKETS tickets (default 100,000) through bulk_create, and one ticket with follow-ups whose id it
writes to DATA_DIR/rich_ticket_id. Mirrors Benchmarks/caselist/million-cases.sql where it can: one minute between
tickets, 70 % of them open or reopened (the helpdesk list's default filter), every seventh one assigned to the agent.
"""
import os
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

here = Path(__file__).resolve().parent
if len(sys.argv) > 1:
    os.environ["PEER_DATA_DIR"] = sys.argv[1]
data_dir = Path(os.environ.setdefault("PEER_DATA_DIR", "/tmp/defuse-peer-data")).resolve()
data_dir.mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(here / "project"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerdesk.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from helpdesk.models import FollowUp, Queue, Ticket, TicketChange  # noqa: E402

TICKETS = int(os.environ.get("PEER_TICKETS", "100000"))
USER = os.environ.get("PEER_USER", "bench")
PASSWORD = os.environ.get("PEER_PASSWORD", "bench password 123")
BATCH = 5000

started = time.monotonic()
db_file = Path(connection.settings_dict["NAME"])
if db_file.exists():
    sys.exit(f"{db_file} exists already: give setup_helpdesk.py an empty data dir")
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode=WAL")
call_command("migrate", verbosity=0, interactive=False)
print(f"migrated in {time.monotonic() - started:.1f}s", flush=True)

agent = get_user_model().objects.create_user(
    USER, email="bench@example.com", password=PASSWORD, first_name="Bench", last_name="Agent", is_staff=True
)
queue = Queue.objects.create(title="Support", slug="support", email_address="support@example.com")

SUBJECTS = [
    "Refund not received for order {n}",
    "Cannot log in to my account since the update",
    "Room was not cleaned on arrival (booking {n})",
    "Charged twice for the same invoice {n}",
    "Delivery of parcel {n} is a week late",
    "Staff member was rude at the front desk",
    "Question about the pricing of the premium plan",
    "Waited forty minutes on the phone line",
]
OPENINGS = [
    "I am writing about my booking {n}, made on the website three weeks ago.",
    "This is the second time I have had to contact you about order {n}.",
    "Hello, I hope someone can help me with an issue on account {n}.",
    "I would like to complain about the service I received last Tuesday.",
]
MIDDLES = [
    "The confirmation said everything was in order, but nothing happened after that.",
    "Your colleague on the phone promised a call back within a day, and nobody called.",
    "I have attached the receipt and the screenshots of the error message I keep getting.",
    "The amount on my statement does not match the price that was shown at checkout.",
    "When I arrived, the room was not ready and the staff could not tell me when it would be.",
]
CLOSINGS = [
    "Please let me know what you can do about it.",
    "I expect a refund or at least an explanation by the end of the week.",
    "Thank you in advance for looking into this.",
    "If this is not resolved soon I will take it further.",
]
# i % 10: 0-5 open, 6 reopened, 7 resolved, 8 closed, 9 duplicate: 70 % in the list's default "open" filter.
STATUS = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5]

base = datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)  # 1,700,000,000, as in million-cases.sql
created_field = Ticket._meta.get_field("created")
modified_field = Ticket._meta.get_field("modified")
# bulk_create runs pre_save, which would stamp every ticket with now(): keep the spread we give instead.
created_field.auto_now_add = False
modified_field.auto_now = False
rng = random.Random(42)
for start in range(1, TICKETS + 1, BATCH):
    rows = []
    for i in range(start, min(start + BATCH, TICKETS + 1)):
        when = base + timedelta(minutes=i)
        rows.append(
            Ticket(
                title=SUBJECTS[i % len(SUBJECTS)].format(n=100000 + i),
                queue=queue,
                created=when,
                modified=when,
                submitter_email=f"customer{i % 20000}@example.com",
                assigned_to=agent if i % 7 == 0 else None,
                status=STATUS[i % 10],
                description=" ".join(
                    [
                        rng.choice(OPENINGS).format(n=100000 + i),
                        rng.choice(MIDDLES),
                        rng.choice(MIDDLES),
                        rng.choice(CLOSINGS),
                    ]
                ),
                priority=1 + i % 5,
                due_date=when + timedelta(days=3),
            )
        )
    with transaction.atomic():
        Ticket.objects.bulk_create(rows, batch_size=BATCH)
created_field.auto_now_add = True
modified_field.auto_now = True
print(f"{TICKETS} tickets after {time.monotonic() - started:.1f}s", flush=True)

# One ticket with a conversation, opened as the detail page: the newest open one, as an agent would pick it up.
rich = Ticket.objects.filter(status=Ticket.OPEN_STATUS).order_by("-id").first()
rich.assigned_to = agent
rich.save()
talk = [
    (True, None, "Customer replied", "I still have not heard back about this. The booking reference is in my first "
     "message; please check it and tell me when the refund will arrive."),
    (True, agent, "Comment", "Thank you for your patience. I have checked the booking and can see the double charge. "
     "I have asked our billing team to reverse it, which usually takes three to five working days."),
    (False, agent, "Internal note", "Billing confirmed the reversal request, reference **RV-20931**. Check again on "
     "Friday if the customer has not confirmed."),
    (True, None, "Customer replied", "Thanks. Can you send me something in writing that I can show my bank?"),
    (True, agent, "Comment", "Of course. Here is the confirmation:\n\n- Original charge: 149.00 EUR\n- Duplicate "
     "charge: 149.00 EUR (reversed)\n- Expected on your statement by: next Wednesday\n\nIf it has not arrived by then, "
     "reply to this message and I will chase it personally."),
]
when = rich.created
with transaction.atomic():
    for n, (public, user, title, comment) in enumerate(talk):
        when += timedelta(hours=5)
        # The customer's replies came in by e-mail: public, no user, with the message's id.
        followup = FollowUp.objects.create(
            ticket=rich, date=when, title=title, comment=comment, public=public, user=user, new_status=None,
            message_id=None if user else f"<reply-{n}.{rich.id}@mail.example.com>",
        )
    TicketChange.objects.create(followup=followup, field="Priority", old_value="3", new_value="2")
(data_dir / "rich_ticket_id").write_text(f"{rich.id}\n")

with connection.cursor() as cursor:
    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
print(f"setup done in {time.monotonic() - started:.1f}s: {Ticket.objects.count()} tickets, "
      f"ticket {rich.id} has {rich.followup_set.count()} follow-ups", flush=True)
