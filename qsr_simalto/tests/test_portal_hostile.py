"""Hostile input on the portal routes of the grid, as properties checked with
hypothesis over real HTTP: whatever a client sends, the server answers with a
4xx or a clear message, never a server error, and a refused request leaves the
stored responses exactly as they were."""

import contextlib
import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from odoo import http
from odoo.tests import tagged

from .portal_common import QsrPortalCommon


def examples(count):
    """Deterministic, bounded runs that keep no example database."""
    return settings(
        max_examples=count,
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=False,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


def _not_ascii_digits(value):
    # " 12 " names a record as well as 12 does: it is not hostile
    return not (value.strip().isascii() and value.strip().isdigit())


# Values of the wrong type or out of range, never a valid record id. The
# ("ref", kind) tuples name records resolved in the test (foreign, missing).
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(max_value=0),
    st.integers(min_value=2**31),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40).filter(_not_ascii_digits),
    st.text(st.characters(codec="utf-8"), max_size=5).filter(_not_ascii_digits),
    st.text(
        st.characters(categories=["Cs", "Cc", "Nd", "No"]), min_size=1, max_size=4
    ).filter(_not_ascii_digits),
    # digits, but not ASCII ones: superscripts, Arabic-Indic, full-width
    st.text(
        st.characters(categories=["Nd", "No"], exclude_characters="0123456789"),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(
        ["1; DROP TABLE qsr_response", "0x10", "1e3", "-1", "+7", "1.0", "NaN", "%s"]
    ),
    st.lists(st.integers(min_value=-5, max_value=10**6), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)
MISSING = object()


def _unstorable(text):
    return "\x00" in text or any(0xD800 <= ord(char) <= 0xDFFF for char in text)


BAD_ID = st.one_of(
    JUNK,
    st.just(MISSING),
    st.tuples(st.just("ref"), st.sampled_from(["foreign", "other_grid", "missing"])),
)
BAD_STEP = st.one_of(
    JUNK,
    st.just(MISSING),
    st.sampled_from(["review", "round_0", "round_-1", "round_", "Current", " current"]),
    st.tuples(st.just("ref"), st.just("other_round")),
)
BAD_TOKEN = st.one_of(
    JUNK,
    st.just(MISSING),
    st.tuples(st.just("ref"), st.sampled_from(["bob", "truncated", "padded"])),
)
MARKUP = st.sampled_from(
    [
        '<script>alert("qsr-xss")</script>',
        "<img src=x onerror=alert('qsr-xss')>",
        '"><b class="qsr-xss">bold</b>',
        "<!-- qsr-xss --><![CDATA[ ]]>",
        "&lt;already escaped&gt; &amp; &#39;",
        "{{ qsr_xss }} ${qsr_xss} <t t-out='1'/>",
        '<a href="javascript:alert(1)">qsr-xss</a>',
    ]
)
COMMENT = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda a, m, b: a + m + b, st.text(max_size=20), MARKUP, st.text(max_size=20)
    ),
    st.builds(lambda m, n: m * n, MARKUP, st.integers(min_value=40, max_value=120)),
    st.builds(
        lambda c, n: c * n,
        st.sampled_from(["x", "é", "€", "🙂", "\n"]),
        st.integers(1990, 2100),
    ),
    # PostgreSQL stores neither NUL nor lone surrogates
    st.builds(
        lambda a, b: a + b,
        st.text(max_size=10),
        st.sampled_from(["\x00", "\ud800", "\udfff"]),
    ),
)


@tagged("post_install", "-at_install")
class TestPortalHostile(QsrPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.attr_urgent = ref("qsr_simalto.grid_default_attr_delivery_urgent")
        cls.attributes = cls.grid.attribute_ids.sorted(lambda a: (a.sequence, a.id))
        cls.missing_id = 2**31 - 7

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    # helpers

    @contextlib.contextmanager
    def _example(self):
        """Each example starts from the state the test set up, and leaves
        nothing behind for the next one (or for shrinking)."""
        self.env.flush_all()
        try:
            with contextlib.closing(self.env.cr.savepoint()):
                yield
        finally:
            self.env.invalidate_all()

    @contextlib.contextmanager
    def _no_server_error(self):
        """No error logged by the server (a 500 logs its traceback)."""
        with self.assertNoLogs("odoo", "ERROR"):
            yield

    def _state(self, *responses):
        """Everything stored of ``responses``, and of their participants."""
        self.env.invalidate_all()
        return [
            self._snapshot(response)
            | {
                "dates": (response.date_started, response.date_submitted),
                "participant": response.participant_id.state,
                "messages": len(response.message_ids),
            }
            for response in responses
        ]

    def _resolve(self, value, attribute):
        """The value a test strategy names: a ("ref", kind) tuple is a record id
        that exists but is not acceptable here."""
        if not isinstance(value, tuple):
            return value
        kind = value[1]
        other_row = self.attributes.filtered(lambda a: a != attribute)[:1]
        return {
            "foreign": other_row.level_ids[:1].id,
            "other_grid": self.other_attribute.level_ids[-1:].id,
            "missing": self.missing_id,
            "other_round": f"round_{self.other_grid.round_ids.id}",
            "bob": self.response_bob.access_token,
            "truncated": self.response_alice.access_token[:-1],
            "padded": f" {self.response_alice.access_token}",
        }[kind]

    def _rpc(self, response, route, params):
        """POST a JSON-RPC call; ``MISSING`` values are left out."""
        params = {key: value for key, value in params.items() if value is not MISSING}
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        )
        with self._no_server_error():
            return self.url_open(
                f"/my/qsr/grids/{response.id}/{route}",
                data=body,
                headers={"Content-Type": "application/json"},
            )

    def _form_post(self, url, data):
        with self._no_server_error():
            return self.url_open(url, data=data, allow_redirects=False)

    def _result(self, res):
        """The JSON-RPC result of ``res``; a server error fails the test."""
        self.assertEqual(res.status_code, 200)
        body = res.json()
        self.assertNotIn("error", body, "the server failed")
        return body["result"]

    def _assert_clear_error(self, res):
        """A 4xx, or a result carrying a message for the user."""
        if 400 <= res.status_code < 500:
            return
        result = self._result(res)
        self.assertIsInstance(result, dict)
        self.assertIsInstance(result.get("error"), str, result)
        self.assertTrue(result["error"].strip())
        self.assertNotIn("Traceback", result["error"])

    def _prepare_rounds(self, response):
        """Every row marked, the reducible row above its acceptable level."""
        self._fill_marks(response, current=1, acceptable=1, ideal=3)
        self._line(response, self.attr_urgent).write(
            {
                "current_level_id": self._level(self.attr_urgent, 3).id,
                "acceptable_level_id": self._level(self.attr_urgent, 2).id,
            }
        )

    def _step_keys(self, response):
        return [key for key, _label in response._steps()]

    # saving a click

    @examples(80)
    @given(
        corrupt=st.sets(
            st.sampled_from(["step", "attribute_id", "level_id", "access_token"]),
            min_size=1,
        ),
        row=st.integers(min_value=0, max_value=50),
        position=st.integers(min_value=1, max_value=4),
        step_index=st.integers(min_value=0, max_value=5),
        bad_step=BAD_STEP,
        bad_attribute=BAD_ID,
        bad_level=BAD_ID,
        bad_token=BAD_TOKEN,
        extra=st.dictionaries(
            st.sampled_from(["kw", "comment", "state", "response_id", "uid"]),
            JUNK,
            max_size=2,
        ),
    )
    # digits Python's str.isdigit() accepts and int() does not
    @example(
        corrupt={"attribute_id"},
        row=0,
        position=1,
        step_index=0,
        bad_step=None,
        bad_attribute="²",
        bad_level=None,
        bad_token=None,
        extra={},
    ).via("superscript digit")
    @example(
        corrupt={"level_id"},
        row=3,
        position=2,
        step_index=1,
        bad_step=None,
        bad_attribute=None,
        bad_level=" ① ",
        bad_token=None,
        extra={},
    ).via("circled digit")
    def test_save_refuses_hostile_payloads(
        self,
        corrupt,
        row,
        position,
        step_index,
        bad_step,
        bad_attribute,
        bad_level,
        bad_token,
        extra,
    ):
        """A save with any field wrong is refused with a message, and changes
        neither this response nor the other contact's."""
        response = self.response_alice
        self._prepare_rounds(response)
        self._line(response, self.attributes[1])._set_round_level(
            self.rounds[0], self._level(self.attributes[1], 2)
        )
        attribute = self.attributes[row % len(self.attributes)]
        level = attribute.level_ids.sorted()[(position - 1) % len(attribute.level_ids)]
        steps = [key for key in self._step_keys(response) if key != "review"]
        params = dict(extra) | {
            "step": steps[step_index % len(steps)],
            "attribute_id": attribute.id,
            "level_id": level.id,
            "access_token": response.access_token,
        }
        bad = {
            "step": bad_step,
            "attribute_id": bad_attribute,
            "level_id": bad_level,
            "access_token": bad_token,
        }
        for field in corrupt:
            params[field] = self._resolve(bad[field], attribute)
        with self._example():
            before = self._state(self.response_alice, self.response_bob)
            res = self._rpc(response, "save", params)
            self._assert_clear_error(res)
            self.assertEqual(
                self._state(self.response_alice, self.response_bob), before
            )

    @examples(40)
    @given(
        path_id=st.one_of(
            st.integers(min_value=2**31, max_value=2**80),
            # not "%00": Odoo's own fallback for unknown paths fails on a NUL
            st.sampled_from(["bob", "missing", "-1", "0", "1.5", "abc", "1e3"]),
        ),
        token=st.one_of(BAD_TOKEN, st.just(("ref", "alice"))),
    )
    def test_save_on_other_or_unknown_grid(self, path_id, token):
        """Another contact's grid, or none: refused, with a 4xx or a message."""
        self._prepare_rounds(self.response_bob)
        attribute = self.attributes[0]
        if path_id == "bob":
            path_id = self.response_bob.id
        elif path_id == "missing":
            path_id = self.missing_id
        if token == ("ref", "alice"):
            token = self.response_alice.access_token
        params = {
            "step": "current",
            "attribute_id": attribute.id,
            "level_id": attribute.level_ids[:1].id,
            "access_token": self._resolve(token, attribute),
        }
        params = {key: value for key, value in params.items() if value is not MISSING}
        with self._example():
            before = self._state(self.response_alice, self.response_bob)
            body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
            with self._no_server_error():
                res = self.url_open(
                    f"/my/qsr/grids/{path_id}/save",
                    data=body,
                    headers={"Content-Type": "application/json"},
                )
            if res.status_code == 200 and "error" in res.json():
                # no route for that path: the framework's own JSON "not found"
                self.assertEqual(res.json()["error"]["code"], 404)
            else:
                self._assert_clear_error(res)
            self.assertEqual(
                self._state(self.response_alice, self.response_bob), before
            )

    @examples(15)
    @given(
        saves=st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=4),  # row
                st.sampled_from(["current", "acceptable", "ideal"]),
                st.integers(min_value=1, max_value=4),  # level position
            ),
            min_size=1,
            max_size=6,
            unique=True,
        ),
        order=st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=10),
    )
    def test_mark_saves_replayed_out_of_order(self, saves, order):
        """Marks saved in any order, some of them replayed: every one is
        accepted, and the last save received wins, per row and mark."""
        response = self.response_alice
        received = [saves[index % len(saves)] for index in order]
        with self._example():
            expected = self._snapshot(response)
            for row, step, position in received:
                attribute = self.attributes[row]
                level = self._level(attribute, position)
                result = self._result(
                    self._rpc(
                        response,
                        "save",
                        {
                            "access_token": response.access_token,
                            "step": step,
                            "attribute_id": attribute.id,
                            "level_id": level.id,
                        },
                    )
                )
                self.assertNotIn("error", result)
                self.assertEqual(result["level_id"], level.id)
                marks = list(expected[attribute.id])
                marks[("current", "acceptable", "ideal").index(step)] = level.id
                expected[attribute.id] = tuple(marks)
            expected["response"] = ("progress", received[-1][1], False, False, False)
            self.assertEqual(self._snapshot(response), expected)
            # the page shows what is stored
            res = self.url_open(self._url(response))
            self.assertEqual(res.status_code, 200)
            last_row, _step, last_position = received[-1]
            attribute = self.attributes[last_row]
            level = self._level(attribute, last_position)
            self.assertRegex(
                res.text,
                f'data-attribute-id="{attribute.id}" data-row-index="[0-9]+" '
                f'data-saved-level-id="{level.id}"',
            )

    @examples(15)
    @given(
        saves=st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=2),  # round
                st.integers(min_value=0, max_value=12),  # row
                st.integers(min_value=1, max_value=4),  # level position
            ),
            min_size=1,
            max_size=6,
            unique=True,
        ),
        order=st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=10),
    )
    def test_round_saves_replayed_out_of_order(self, saves, order):
        """Budget round clicks in any order, some replayed: each is either
        applied as asked or refused without a change, and what is stored is
        always a valid draft within the budgets."""
        response = self.response_alice
        self._prepare_rounds(response)
        rounds = self.rounds
        received = [saves[index % len(saves)] for index in order]
        with self._example():
            for round_index, row, position in received:
                rnd = rounds[round_index]
                attribute = self.attributes[row % len(self.attributes)]
                level = self._level(attribute, position)
                before = self._state(response)
                result = self._result(
                    self._rpc(
                        response,
                        "save",
                        {
                            "access_token": response.access_token,
                            "step": f"round_{rnd.id}",
                            "attribute_id": attribute.id,
                            "level_id": level.id,
                        },
                    )
                )
                self.env.invalidate_all()
                line = self._line(response, attribute)
                if "error" in result:
                    self.assertTrue(result["error"].strip())
                    self.assertEqual(self._state(response), before)
                    continue
                self.assertEqual(result["level_id"], level.id)
                self.assertEqual(
                    line.choice_ids.filtered(lambda c, r=rnd: c.round_id == r).level_id,
                    level,
                )
                available, spent = response._budget_status(rnd)
                self.assertEqual(
                    result["budget"],
                    {"available": available, "spent": spent, "left": available - spent},
                )
                self.assertEqual(response._validation_errors(), [])
                for each in rounds:
                    available, spent = response._budget_status(each)
                    self.assertLessEqual(spent, available)

    # comments

    @examples(80)
    @given(
        comment=st.one_of(
            st.just(MISSING),
            st.none(),
            st.text(max_size=30),
            JUNK.filter(lambda value: not isinstance(value, str)),
        ),
        attribute=st.one_of(BAD_ID, st.just(0), st.just(0.0), st.just("ok")),
        token=st.one_of(st.just("ok"), BAD_TOKEN),
    )
    def test_comment_refuses_hostile_payloads(self, comment, attribute, token):
        """A comment that is not text, on a row that is not of the grid, or
        with a wrong token: refused with a message, nothing changes."""
        response = self.response_alice
        row = self.attributes[0]
        self._line(response, row).comment = "Kept"
        response.comment = "Kept overall"
        text = comment is MISSING or comment is None or isinstance(comment, str)
        overall = attribute is MISSING or attribute is None or attribute is False
        overall = overall or (isinstance(attribute, str) and attribute == "")
        if token == "ok" and text and (overall or attribute == "ok"):
            token = MISSING  # a valid request otherwise: tested below
        params = {
            "access_token": (
                response.access_token if token == "ok" else self._resolve(token, row)
            ),
            "attribute_id": (
                row.id if attribute == "ok" else self._resolve(attribute, row)
            ),
            "comment": comment,
        }
        with self._example():
            before = self._state(self.response_alice, self.response_bob)
            res = self._rpc(response, "comment", params)
            self._assert_clear_error(res)
            self.assertEqual(
                self._state(self.response_alice, self.response_bob), before
            )

    @examples(8)
    @given(
        row_comment=COMMENT,
        overall=COMMENT,
        row=st.integers(min_value=0, max_value=12),
    )
    @example(
        row_comment='<script>alert("qsr-xss")</script>' * 30000,  # about 1 MB
        overall=" \n<b>\x1f</b> \t",
        row=12,
    ).via("a megabyte of markup")
    def test_comments_stored_as_text_rendered_escaped(self, row_comment, overall, row):
        """Any text is stored as sent (trimmed, at most 2000 characters), and
        shown escaped on the grid page, read-only after submitting, and in the
        review's Results."""
        response = self.response_alice
        attribute = self.attributes[row]
        self._prepare_rounds(response)
        response._go_to_step("review")
        with self._example():
            self.authenticate(None, None)
            stored = {}
            for attribute_id, comment in (
                (attribute.id, row_comment),
                (False, overall),
            ):
                res = self._rpc(
                    response,
                    "comment",
                    {
                        "access_token": response.access_token,
                        "attribute_id": attribute_id,
                        "comment": comment,
                    },
                )
                result = self._result(res)
                if _unstorable(comment):
                    # PostgreSQL cannot store these: refused, not mangled
                    self.assertIn("error", result)
                    comment = ""
                else:
                    expected = comment.strip()[:2000]
                    self.assertEqual(
                        result,
                        {
                            "comment": expected,
                            "truncated": len(comment.strip()) > 2000,
                        },
                    )
                    comment = expected
                stored[attribute_id] = comment
            self.env.invalidate_all()
            self.assertEqual(
                self._line(response, attribute).comment or "", stored[attribute.id]
            )
            self.assertEqual(response.comment or "", stored[False])
            texts = [text for text in stored.values() if text]

            def assert_escaped(html):
                for text in texts:
                    self.assertIn(str(escape(text)), html)
                    if "qsr-xss" in text:
                        self.assertNotIn(text, html)
                self.assertNotIn("<script>alert", html)
                self.assertNotIn('<b class="qsr-xss"', html)
                self.assertNotIn("<img src=x", html)

            assert_escaped(self.url_open(self._url(response)).text)
            res = self._form_post(
                self._url(response, "/submit", token=False),
                {
                    "access_token": response.access_token,
                    "csrf_token": http.Request.csrf_token(self),
                },
            )
            self.assertEqual(res.status_code, 303)
            page = self.url_open(self._url(response)).text
            self.assertIn("o_qsr_readonly", page)
            assert_escaped(page)
            # the Results of the review, as the account manager reads them
            self.authenticate("t_portal_am", "t_portal_am")
            result = self.make_jsonrpc_request(
                "/web/dataset/call_kw/qsr.review/web_read",
                {
                    "model": "qsr.review",
                    "method": "web_read",
                    "args": [[self.review.id]],
                    "kwargs": {"specification": {"analysis_html": {}}},
                },
            )
            html = result[0]["analysis_html"]
            self.assertIn("o_qsr_analysis", html)
            assert_escaped(html)
            self.authenticate(None, None)

    # steps, submitting and CSRF

    @examples(40)
    @given(
        step=st.one_of(BAD_STEP, st.sampled_from(["current", "acceptable", "review"])),
        token=st.one_of(st.just("ok"), BAD_TOKEN),
        route=st.sampled_from(["step", "submit", "page"]),
        extra=st.dictionaries(
            st.sampled_from(["state", "comment", "kw", "debug"]),
            st.text(max_size=20),
            max_size=2,
        ),
    )
    def test_step_submit_page_hostile_forms(self, step, token, route, extra):
        """The page and its forms with any step or token: a page, a redirect or
        a 4xx, never a server error; the answers never change, and the step
        only to one the respondent may reach."""
        response = self.response_alice
        self._fill_marks(response)
        self._line(response, self.attributes[0]).ideal_level_id = False
        attribute = self.attributes[0]
        if token == "ok":
            token = response.access_token
        else:
            token = self._resolve(token, attribute)
        step = self._resolve(step, attribute)

        def form_value(value):
            """As a browser would send it; lone surrogates as raw bytes."""
            if value is MISSING or value is None:
                return None
            value = value if isinstance(value, str) else json.dumps(value)
            return value.encode("utf-8", "surrogatepass")

        data = dict(extra)
        for key, value in (("access_token", token), ("step", step)):
            if form_value(value) is not None:
                data[key] = form_value(value)
        with self._example():
            before = self._state(self.response_alice, self.response_bob)
            if route == "page":
                with self._no_server_error():
                    res = self.opener.get(
                        f"{self.base_url()}/my/qsr/grids/{response.id}",
                        params=data,
                        allow_redirects=False,
                        timeout=12,
                    )
            else:
                data["csrf_token"] = http.Request.csrf_token(self)
                res = self._form_post(f"/my/qsr/grids/{response.id}/{route}", data)
            self.assertIn(res.status_code, (200, 303, 400, 404))
            self.assertNotIn("Traceback", res.text)
            after = self._state(self.response_alice, self.response_bob)
            moved = after[0]["response"][1] != before[0]["response"][1]
            if moved:
                self.assertEqual(route, "step")
                self.assertEqual(res.status_code, 303)
                self.assertIn(data.get("step"), ("current", "acceptable"))
                state, _step, *rest = before[0]["response"]
                before[0]["response"] = (state, data["step"], *rest)
            elif res.status_code == 200 and route != "page":
                # the page again, saying what is wrong
                self.assertIn("o_qsr_errors", res.text)
            self.assertEqual(after, before)

    @examples(10)
    @given(
        times=st.integers(min_value=2, max_value=4),
        replays=st.lists(
            st.tuples(
                st.sampled_from(["save", "comment", "step"]),
                st.integers(min_value=0, max_value=12),
                st.integers(min_value=1, max_value=4),
            ),
            max_size=4,
        ),
    )
    def test_double_submit_is_idempotent(self, times, replays):
        """Submitting again, or replaying clicks after submitting, changes
        nothing: not the answers, not the date, not the chatter."""
        response = self.response_alice
        self._prepare_rounds(response)
        response._go_to_step("review")
        with self._example():
            first = None
            for _attempt in range(times):
                res = self._form_post(
                    self._url(response, "/submit", token=False),
                    {
                        "access_token": response.access_token,
                        "csrf_token": http.Request.csrf_token(self),
                    },
                )
                self.assertEqual(res.status_code, 303)
                state = self._state(response)
                self.assertEqual(state[0]["response"][0], "submitted")
                self.assertEqual(state[0]["participant"], "responded")
                first = first or state
                self.assertEqual(state, first)
            for action, row, position in replays:
                attribute = self.attributes[row]
                level = self._level(attribute, position)
                if action == "step":
                    res = self._form_post(
                        self._url(response, "/step", token=False),
                        {
                            "access_token": response.access_token,
                            "csrf_token": http.Request.csrf_token(self),
                            "step": "current",
                        },
                    )
                    self.assertEqual(res.status_code, 200)
                    self.assertIn("it can no longer change", res.text)
                else:
                    params = {
                        "access_token": response.access_token,
                        "attribute_id": attribute.id,
                        "step": "current",
                        "level_id": level.id,
                        "comment": "Too late",
                    }
                    self._assert_clear_error(self._rpc(response, action, params))
                self.assertEqual(self._state(response), first)

    @examples(30)
    @given(
        route=st.sampled_from(["step", "submit", "save", "comment"]),
        plain=st.booleans(),
        csrf=st.one_of(
            st.just(MISSING),
            st.just(""),
            # ASCII: Odoo's own CSRF check fails with a TypeError on others
            st.text(st.characters(codec="ascii"), max_size=60),
            st.just("0" * 40 + "o1234567890"),
            st.just("other_session"),
        ),
    )
    def test_form_posts_require_csrf(self, route, plain, csrf):
        """The step and submit forms without a valid CSRF token: 400, and
        nothing moves, even with a grid ready to submit. The JSON routes need no
        token: a cross-site form cannot post JSON, and they refuse anything else
        (400)."""
        response = self.response_alice
        self._prepare_rounds(response)
        response._go_to_step("review")
        with self._example():
            attribute = self.attributes[0]
            data = {
                "access_token": response.access_token,
                "step": "current",
                "attribute_id": str(attribute.id),
                "level_id": str(self._level(attribute, 4).id),
                "comment": "Cross-site",
            }
            if csrf == "other_session":
                self.authenticate("t_portal_bob", "t_portal_bob")
                csrf = http.Request.csrf_token(self)
                self.authenticate(None, None)
            if csrf is not MISSING:
                data["csrf_token"] = csrf
            before = self._state(response)
            url = self._url(response, f"/{route}", token=False)
            if plain:
                # <form enctype="text/plain">, its body made to look like JSON-RPC
                body = json.dumps({"params": data, "x": "="})
                with self._no_server_error():
                    res = self.url_open(
                        url, data=body, headers={"Content-Type": "text/plain"}
                    )
            else:
                res = self._form_post(url, data)
            self.assertEqual(res.status_code, 400)
            self.assertEqual(self._state(response), before)
