"""Load profile for bench/load.py: focal points autosaving their answers and reviewers browsing.

Accounts come from the JSON file in LOAD_ACCOUNTS (written by bench/load.py); each simulated user takes
the next free account. The users are FastHttpUsers (geventhttpclient): the load generator shares the
machine's cores with the server it measures, and this client costs it several times less CPU per request
than the requests-based HttpUser. Every autosave the server confirms is counted per answer and written to
LOAD_RESULT when the run stops, so that bench/load.py can compare it with the revisions stored.
"""

import itertools
import json
import os
import random
import re
import threading
from collections import Counter

from locust import FastHttpUser, between, events, task

ACCOUNTS = json.loads(open(os.environ["LOAD_ACCOUNTS"], encoding="utf-8").read())
_focal_points = itertools.cycle(ACCOUNTS["focal_points"])
_reviewers = itertools.cycle(ACCOUNTS["reviewers"])
_lock = threading.Lock()
confirmed_saves: Counter = Counter()
REVISION_FIELD = re.compile(r'name="revision" value="(\d+)"')


# A CSRF secret of the load generator's own (any 32 letters or digits): sent as the csrftoken cookie and
# repeated in the X-CSRFToken header, as the page's script does with the cookie the server set.
CSRF_SECRET = "loadtestcsrfsecret" + "0" * 14


def _headers(account) -> dict:
    """The session bench/load.py opened for the account (signing in is not what is measured)."""
    return {"Cookie": f"sessionid={account['session']}; csrftoken={CSRF_SECRET}"}


class FocalPoint(FastHttpUser):
    """Types into one text item of their country's answer; the page autosaves after a pause."""

    weight = 10
    wait_time = between(1.0, 2.0)

    def on_start(self):
        with _lock:
            self.account = next(_focal_points)
        self.headers = _headers(self.account)
        page = self.client.get(self.account["question_url"], name="question page", headers=self.headers)
        self.revision = int(REVISION_FIELD.search(page.text).group(1))
        self.paragraphs = 0

    @task
    def autosave(self):
        self.paragraphs += 1
        text = "".join(f"<p>Paragraph {n} of the answer: the specialised unit and its staff.</p>"
                       for n in range(1, self.paragraphs % 40 + 2))
        with self.client.post(self.account["autosave_url"], {
            "revision": self.revision, "language": "en", self.account["field"]: text,
        }, headers={**self.headers, "X-CSRFToken": CSRF_SECRET, "X-Requested-With": "fetch"}, name="autosave",
                catch_response=True) as response:
            if response.status_code == 200 and isinstance(response.json().get("revision"), int):
                self.revision = response.json()["revision"]
                with _lock:
                    confirmed_saves[self.account["answer"]] += 1
                response.success()
            else:
                response.failure(f"autosave answered {response.status_code}: {response.text[:200]}")


class Reviewer(FastHttpUser):
    """Reads the review queue, single answers and the progress dashboard."""

    weight = 1
    wait_time = between(1.0, 3.0)

    def on_start(self):
        with _lock:
            self.account = next(_reviewers)
        self.headers = _headers(self.account)

    @task(3)
    def queue(self):
        self.client.get("/review/", name="review queue", headers=self.headers)

    @task(3)
    def answer(self):
        self.client.get(f"/review/answers/{random.choice(ACCOUNTS['answers'])}/", name="answer review",
                        headers=self.headers)

    @task(1)
    def progress(self):
        self.client.get(ACCOUNTS["progress_url"], name="progress dashboard", headers=self.headers)


@events.test_stop.add_listener
def _write_confirmed_saves(**kwargs):
    with open(os.environ["LOAD_RESULT"], "w", encoding="utf-8") as result:
        json.dump({str(answer): count for answer, count in confirmed_saves.items()}, result)
