"""The clients of ``make scale``: the load test's respondents, and sales directors
pulling the analysis, all retrying as a browser's user would a request that got
no answer or a 502/503/504 from the balancer (a node died under it)."""

import re
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "load"))
from client import ClientError, Respondent

RETRIES = 5
RETRY_PAUSE = 1.0  # seconds before a retry, as a user clicking again
GATEWAY = re.compile(r": HTTP (50[234])$")
PIVOT_MODEL = "qsr.report.response.line"
# the web pivot's biggest call: every row and column of the default pivot
PIVOT_KWARGS = {
    "domain": [],
    "fields": [
        "priority_index:avg",
        "distress_share:avg",
        "respondent_ref:count_distinct",
    ],
    "groupby": ["attribute_id", "tier_id"],
    "lazy": False,
}
PORTFOLIO_XLSX = "/report/xlsx/qsr_reporting.report_qsr_portfolio_xlsx/{wave}"
DIRECTOR_KINDS = ("pivot", "dashboard", "xlsx")


class RetryingMixin:
    """``_request`` again after no answer or a gateway error, counted in
    ``retries`` as (monotonic time, kind, reason)."""

    def _request(self, kind, method, url, **kwargs):
        attempt = 1
        while True:
            try:
                return super()._request(kind, method, url, **kwargs)
            except ClientError as error:
                no_answer = isinstance(error.__cause__, requests.RequestException)
                if attempt == RETRIES or not (no_answer or GATEWAY.search(str(error))):
                    raise
                self.retries.append((time.monotonic(), kind, str(error)))
            attempt += 1
            time.sleep(RETRY_PAUSE)


class ScaleRespondent(RetryingMixin, Respondent):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.retries = []


class Director(RetryingMixin, Respondent):
    """A sales director in the web client: logs in, then pulls the pivot, the
    dashboard and the portfolio XLSX in turn, with a pause between two."""

    def __init__(self, base_url, login, password, wave_id, recorder, rng, deadline):
        client = {"login": login, "password": password, "logged_in": True}
        super().__init__(base_url, client, {}, recorder, rng, deadline)
        self.wave_id = wave_id
        self.retries = []
        self.pulled = dict.fromkeys(DIRECTOR_KINDS, 0)

    def authenticate(self, db):
        self._json(
            "director_login",
            "/web/session/authenticate",
            {
                "db": db,
                "login": self.client["login"],
                "password": self.client["password"],
            },
        )

    def _call_kw(self, kind, model, method, args, kwargs):
        return self._json(
            kind,
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def pull(self, kind):
        if kind == "pivot":
            groups = self._call_kw(kind, PIVOT_MODEL, "read_group", [], PIVOT_KWARGS)
            if not isinstance(groups, list):
                raise ClientError(f"pivot: {groups!r:.200}")
        elif kind == "dashboard":
            data = self._call_kw(kind, "qsr.dashboard", "get_data", [], {})
            if "coverage" not in data:
                raise ClientError(f"dashboard: {data!r:.200}")
        else:
            reply = self._request(kind, "GET", PORTFOLIO_XLSX.format(wave=self.wave_id))
            if not reply.content.startswith(b"PK"):
                raise ClientError(f"xlsx: {reply.headers.get('Content-Type')}")
        self.pulled[kind] += 1

    def work(self):
        index = self.rng.randrange(len(DIRECTOR_KINDS))
        while time.monotonic() < self.deadline:
            self.pull(DIRECTOR_KINDS[index % len(DIRECTOR_KINDS)])
            index += 1
            time.sleep(self.rng.uniform(0.5, 1.5))
