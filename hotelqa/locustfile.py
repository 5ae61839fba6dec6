"""Locust users for `manage.py load`: front desk, department staff, supervisors and managers, each
working through the pages `make bench` times for their role (lists, details, searches, quick logs,
inspection answers). Runs in Locust's own process: no Django imports; the plan (users, password,
pages) comes as JSON in the file named by HOTELQA_LOAD_PLAN."""

import json
import os
import random

import gevent
from locust import FastHttpUser, between, events, task
from requests.cookies import create_cookie

with open(os.environ["HOTELQA_LOAD_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)


RUN = {}


@events.init.add_listener
def keep_environment(environment, **kwargs):
    RUN["environment"] = environment


@events.spawning_complete.add_listener
def measure_from_here(user_count, **kwargs):
    """Figures start once every user has started and the server has settled."""
    gevent.spawn_later(PLAN["settle_seconds"], RUN["environment"].runner.stats.reset_all)


class RoleUser(FastHttpUser):
    """geventhttpclient rather than requests: the load generator shares the 2 cores with the
    server, and requests' own CPU per call would be counted against the server's throughput."""

    abstract = True
    role = ""
    # A person reads a page before the next click; a short pause keeps 20 users a busy shift.
    wait_time = between(0.05, 0.3)

    def on_start(self):
        self.pages = [p for p in PLAN["requests"] if p["role"] == self.role]
        # Signed in through a session made by `manage.py load`: a login form hashes a password
        # on purpose (~0.5 s of CPU), which would swamp the figures of a short run.
        self.client.cookiejar.set_cookie(create_cookie(PLAN["session_cookie"], PLAN["sessions"][self.role].pop(), domain="127.0.0.1"))
        self.client.get("/", name="first page")  # sets the CSRF cookie

    def csrf(self):
        return next((cookie.value for cookie in self.client.cookiejar if cookie.name == "csrftoken"), "")

    @task
    def page(self):
        page = random.choice(self.pages)
        if page["method"] == "POST":
            data = dict(page["data"], csrfmiddlewaretoken=self.csrf())
            # The answer is the redirect; the page it leads to is another request.
            with self.client.post(page["path"], data=data, name=page["label"], allow_redirects=False, catch_response=True) as response:
                if response.status_code in (200, 302, 303):
                    response.success()
        else:
            # A redirect (to the login page, say) is not the page the user asked for.
            with self.client.get(page["path"], name=page["label"], allow_redirects=False, catch_response=True) as response:
                if response.status_code != 200:
                    response.failure(f"status {response.status_code}")


class FrontDesk(RoleUser):
    role = "front_desk"
    weight = 4


class Staff(RoleUser):
    role = "staff"
    weight = 4


class Supervisor(RoleUser):
    role = "supervisor"
    weight = 3


class Manager(RoleUser):
    role = "manager"
    weight = 1
