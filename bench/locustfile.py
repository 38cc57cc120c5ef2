"""Load profile for bench/load.py: focal points autosaving their answers and reviewers browsing.

Accounts come from the JSON file in LOAD_ACCOUNTS (written by bench/load.py); each simulated user takes
the next free account. Every autosave the server confirms is counted per answer and written to
LOAD_RESULT when the run stops, so that bench/load.py can compare it with the revisions stored.
"""

import itertools
import json
import os
import random
import re
import threading
from collections import Counter

from locust import HttpUser, between, events, task

ACCOUNTS = json.loads(open(os.environ["LOAD_ACCOUNTS"], encoding="utf-8").read())
_focal_points = itertools.cycle(ACCOUNTS["focal_points"])
_reviewers = itertools.cycle(ACCOUNTS["reviewers"])
_lock = threading.Lock()
confirmed_saves: Counter = Counter()
REVISION_FIELD = re.compile(r'name="revision" value="(\d+)"')


def _sign_in(user, account):
    """Use the session bench/load.py opened for the account (signing in is not what is measured)."""
    user.client.cookies.set("sessionid", account["session"])


class FocalPoint(HttpUser):
    """Types into one text item of their country's answer; the page autosaves after a pause."""

    weight = 10
    wait_time = between(1.0, 2.0)

    def on_start(self):
        with _lock:
            self.account = next(_focal_points)
        _sign_in(self, self.account)
        page = self.client.get(self.account["question_url"], name="question page")
        self.revision = int(REVISION_FIELD.search(page.text).group(1))
        self.csrf = self.client.cookies.get("csrftoken")
        self.paragraphs = 0

    @task
    def autosave(self):
        self.paragraphs += 1
        text = "".join(f"<p>Paragraph {n} of the answer: the specialised unit and its staff.</p>"
                       for n in range(1, self.paragraphs % 40 + 2))
        with self.client.post(self.account["autosave_url"], {
            "revision": self.revision, "language": "en", self.account["field"]: text,
        }, headers={"X-CSRFToken": self.csrf, "X-Requested-With": "fetch"}, name="autosave",
                catch_response=True) as response:
            if response.status_code == 200 and isinstance(response.json().get("revision"), int):
                self.revision = response.json()["revision"]
                with _lock:
                    confirmed_saves[self.account["answer"]] += 1
                response.success()
            else:
                response.failure(f"autosave answered {response.status_code}: {response.text[:200]}")


class Reviewer(HttpUser):
    """Reads the review queue, single answers and the progress dashboard."""

    weight = 1
    wait_time = between(1.0, 3.0)

    def on_start(self):
        with _lock:
            self.account = next(_reviewers)
        _sign_in(self, self.account)

    @task(3)
    def queue(self):
        self.client.get("/review/", name="review queue")

    @task(3)
    def answer(self):
        self.client.get(f"/review/answers/{random.choice(ACCOUNTS['answers'])}/", name="answer review")

    @task(1)
    def progress(self):
        self.client.get(ACCOUNTS["progress_url"], name="progress dashboard")


@events.test_stop.add_listener
def _write_confirmed_saves(**kwargs):
    with open(os.environ["LOAD_RESULT"], "w", encoding="utf-8") as result:
        json.dump({str(answer): count for answer, count in confirmed_saves.items()}, result)
