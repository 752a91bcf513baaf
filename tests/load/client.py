"""A portal respondent driven over HTTP, doing what the browser does with the grid.

Page load, one JSON draft save per click (one after the other, as the page's script
queues them), comments, the step buttons (a form POST with the CSRF token), then
submit. Every request is timed; what the server acknowledged is recorded in the
response's expected state, which the runner compares with the database afterwards.
"""

import copy
import html
import re
import time

import requests

TIMEOUT = 60
INPUT = re.compile(r"<input\b[^>]*>")
ATTR = re.compile(r'([\w-]+)="([^"]*)"')
GRID = re.compile(r'<div class="o_qsr_grid"[^>]*>')
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
BUDGET = re.compile(r'o_qsr_budget[^>]*data-available="([^"]+)"')


class ClientError(Exception):
    """The server answered something a browser would not expect."""


def attrs(tag):
    return {key: html.unescape(value) for key, value in ATTR.findall(tag)}


class Recorder:
    """Latency and status of every request, shared by the respondents."""

    def __init__(self):
        self.samples = []  # (kind, seconds, status or exception name, ok)

    def add(self, kind, seconds, status, ok):
        self.samples.append((kind, seconds, status, ok))


class Respondent:
    def __init__(self, base_url, client, expected, recorder, rng, deadline):
        self.base = base_url
        self.client = client
        self.expected = expected  # {response id: state}, updated as the server acks
        self.recorder = recorder
        self.rng = rng
        self.deadline = deadline
        self.session = requests.Session()
        self.failures = []
        self.submitted = []
        self.started = []
        self.rpc_id = 0

    # transport

    def _request(self, kind, method, url, **kwargs):
        if time.monotonic() > self.deadline:
            raise TimeoutError("time is up")
        start = time.perf_counter()
        try:
            reply = self.session.request(
                method,
                self.base + url,
                timeout=TIMEOUT,
                allow_redirects=False,
                **kwargs,
            )
        except requests.RequestException as error:
            self.recorder.add(
                kind, time.perf_counter() - start, type(error).__name__, False
            )
            raise ClientError(f"{kind} {url}: {error!r}") from error
        ok = reply.status_code < 400
        self.recorder.add(kind, time.perf_counter() - start, reply.status_code, ok)
        if not ok:
            raise ClientError(f"{kind} {url}: HTTP {reply.status_code}")
        return reply

    def _json(self, kind, url, params):
        self.rpc_id += 1
        reply = self._request(
            kind,
            "POST",
            url,
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": self.rpc_id,
                "params": params,
            },
        )
        body = reply.json()
        if "error" in body:
            raise ClientError(f"{kind} {url}: server error {body['error']}")
        result = body["result"]
        if isinstance(result, dict) and result.get("error"):
            raise ClientError(f"{kind} {url}: refused: {result['error']}")
        return result

    # the pages

    def login(self):
        page = self._request("login_page", "GET", "/web/login")
        token = CSRF.search(page.text).group(1)
        reply = self._request(
            "login",
            "POST",
            "/web/login",
            data={
                "login": self.client["login"],
                "password": self.client["password"],
                "csrf_token": token,
                "redirect": "",
            },
        )
        if reply.status_code != 303:
            raise ClientError(f"login of {self.client['login']} refused")
        self._request("my_grids", "GET", "/my/qsr/grids")

    def _grid_url(self, response_id, suffix=""):
        return f"/my/qsr/grids/{response_id}{suffix}"

    def _token(self, token):
        return {} if self.client["logged_in"] else {"access_token": token}

    def open_grid(self, response_id, token):
        page = self._request(
            "page", "GET", self._grid_url(response_id), params=self._token(token)
        )
        if page.status_code != 200:
            raise ClientError(f"grid {response_id}: redirected to {page.headers}")
        text = page.text
        grid = attrs(GRID.search(text).group(0))
        rows = {}
        for tag in INPUT.findall(text):
            values = attrs(tag)
            if "o_qsr_radio" not in values.get("class", ""):
                continue
            attribute_id = int(values["name"].removeprefix("qsr_row_"))
            rows.setdefault(attribute_id, []).append(
                {
                    "id": int(values["value"]),
                    "cost": float(values["data-cost"]),
                    "position": int(values["data-position"]),
                    "disabled": "disabled" in values,
                    "checked": "checked" in values,
                }
            )
        budget = BUDGET.search(text)
        csrf = CSRF.search(text)
        return {
            "step": grid["data-step"],
            "readonly": grid["data-readonly"] == "1",
            "rows": rows,
            "available": float(budget.group(1)) if budget else None,
            "csrf": csrf.group(1) if csrf else None,
        }

    def _save(self, response_id, token, step, attribute_id, level_id):
        result = self._json(
            "save",
            self._grid_url(response_id, "/save"),
            {
                **self._token(token),
                "step": step,
                "attribute_id": attribute_id,
                "level_id": level_id,
            },
        )
        if result["level_id"] != level_id:
            raise ClientError(f"save of {response_id}: {result} for level {level_id}")
        line = self.expected[response_id]["lines"][attribute_id]
        if step.startswith("round_"):
            line["rounds"][int(step.removeprefix("round_"))] = level_id
        else:
            line[step] = level_id
        self._progress(response_id)
        return result

    def _progress(self, response_id):
        state = self.expected[response_id]
        if state["state"] == "new":
            state["state"] = "progress"

    def _comment(self, response_id, token, attribute_id, text):
        result = self._json(
            "comment",
            self._grid_url(response_id, "/comment"),
            {**self._token(token), "attribute_id": attribute_id, "comment": text},
        )
        if result["comment"] != text:
            raise ClientError(f"comment of {response_id}: {result}")
        state = self.expected[response_id]
        if attribute_id:
            state["lines"][attribute_id]["comment"] = text
        else:
            state["comment"] = text

    def _post_step(self, response_id, token, page, step):
        reply = self._request(
            "step",
            "POST",
            self._grid_url(response_id, "/step"),
            data={"csrf_token": page["csrf"], "step": step, **self._token(token)},
        )
        if reply.status_code != 303:
            raise ClientError(f"step {step} of {response_id} refused")

    def submit(self, response_id, token, page, kind="submit"):
        reply = self._request(
            kind,
            "POST",
            self._grid_url(response_id, "/submit"),
            data={"csrf_token": page["csrf"], **self._token(token)},
        )
        if reply.status_code != 303:
            raise ClientError(f"submit of {response_id} refused")

    # answering

    def _mark(self, response_id, token, page):
        step = page["step"]
        for attribute_id, all_levels in page["rows"].items():
            # what the page offers: a row fixed at its checked level (today's
            # price, 'as now') offers nothing to click that a browser would send
            levels = [level for level in all_levels if not level["disabled"]]
            if all(level["checked"] for level in levels):
                continue
            if self.rng.random() < 0.1:  # changes their mind
                first = self.rng.choice(levels)
                self._save(response_id, token, step, attribute_id, first["id"])
            level = self.rng.choice(levels)
            self._save(response_id, token, step, attribute_id, level["id"])
            if self.rng.random() < 0.05:
                text = f"Row {attribute_id} at {step}: {self.rng.random():.6f} <b>&</b>"
                self._comment(response_id, token, attribute_id, text)

    def _spend(self, response_id, token, page):
        """Spend the round's points one level up at a time, within the budget."""
        step = page["step"]
        round_id = int(step.removeprefix("round_"))
        lines = self.expected[response_id]["lines"]
        cost = {
            level["id"]: level["cost"]
            for levels in page["rows"].values()
            for level in levels
        }
        spent = 0.0
        for line in lines.values():
            before = [rid for rid in line["rounds"] if rid != round_id]
            base = line["rounds"][max(before)] if before else line["current"]
            spent += cost[base] - cost[line["current"]]
        left = page["available"] - spent
        rows = list(page["rows"].items())
        self.rng.shuffle(rows)
        for attribute_id, levels in rows:
            line = lines[attribute_id]
            before = [rid for rid in line["rounds"] if rid < round_id]
            base = line["rounds"][max(before)] if before else line["current"]
            base_position = next(lv["position"] for lv in levels if lv["id"] == base)
            higher = [
                lv
                for lv in levels
                if lv["position"] == base_position + 1 and not lv["disabled"]
            ]
            if not higher or self.rng.random() < 0.5:
                continue
            delta = higher[0]["cost"] - cost[base]
            if delta > left:
                continue
            self._save(response_id, token, step, attribute_id, higher[0]["id"])
            left -= delta

    def answer(self, response_id, token):
        """Open the grid where the respondent left it and go through to submit."""
        self.started.append(response_id)
        page = self.open_grid(response_id, token)
        steps = self.client["steps"]
        while page["step"] != "review":
            if page["step"].startswith("round_"):
                self._spend(response_id, token, page)
            else:
                self._mark(response_id, token, page)
            self.expected[response_id]["step"] = page["step"]
            next_step = steps[steps.index(page["step"]) + 1]
            self._post_step(response_id, token, page, next_step)
            self.expected[response_id]["step"] = next_step
            page = self.open_grid(response_id, token)
            if page["step"] != next_step:
                raise ClientError(f"{response_id}: at {page['step']}, not {next_step}")
        if self.rng.random() < 0.3:
            self._comment(response_id, token, False, f"Overall {self.rng.random():.6f}")
        self.submit(response_id, token, page)
        self.expected[response_id].update(
            state="submitted", step="review", submitted_by_client=True
        )
        page = self.open_grid(response_id, token)
        if not page["readonly"]:
            raise ClientError(f"{response_id}: not read-only after submit")
        self.submitted.append(response_id)

    def work(self):
        if self.client["logged_in"]:
            self.login()
        for response_id, token in self.client["responses"]:
            self.answer(response_id, token)

    def run(self):
        """``work`` until the deadline; what went wrong is kept in ``failures``."""
        try:
            self.work()
        except TimeoutError:
            pass
        except ClientError as error:
            self.failures.append(str(error))
        except Exception as error:
            self.failures.append(f"{type(error).__name__}: {error}")


def snapshot(expected):
    return copy.deepcopy(expected)
