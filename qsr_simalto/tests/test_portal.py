from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.qsr_review.tests.common import cursor_modes

from .portal_common import QsrPortalCommon


@tagged("post_install", "-at_install")
class TestPortal(QsrPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.attr_conformance = ref("qsr_simalto.grid_default_attr_product_conformance")
        cls.attr_consistency = ref("qsr_simalto.grid_default_attr_product_consistency")
        cls.attr_urgent = ref("qsr_simalto.grid_default_attr_delivery_urgent")
        cls.round_1, cls.round_2, cls.round_3 = cls.rounds

    def _assert_no_traceback(self, res):
        self.assertNotIn("Traceback", res.text)
        self.assertLess(res.status_code, 500)

    def _assert_redirected_to_my(self, res):
        self.assertIn(res.status_code, (301, 302, 303))
        self.assertTrue(res.headers["Location"].endswith("/my"))

    def _to_round(self, response, rnd):
        self._fill_marks(response, current=1, acceptable=1)
        self._line(response, self.attr_urgent).write(
            {
                "current_level_id": self._level(self.attr_urgent, 3).id,
                "acceptable_level_id": self._level(self.attr_urgent, 2).id,
            }
        )
        response._go_to_step(f"round_{rnd.id}")

    # access

    def test_page_with_token(self):
        self.authenticate(None, None)
        res = self.url_open(self._url(self.response_alice))
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.grid.name, res.text)
        self.assertIn("Conformance to specification", res.text)
        self.assertIn("97% of batches within specification", res.text)
        self.assertIn("o_qsr_radio", res.text)
        self.assertIn('data-step="current"', res.text)
        # later steps open once every row of the steps before them is marked
        self.assertIn('data-step="acceptable" disabled="disabled"', res.text)
        self.assertNotIn('data-step="current" disabled', res.text)
        # every row, and every level of it, as a radio input
        self.assertEqual(
            res.text.count('class="form-check-input o_qsr_radio"'),
            len(self.grid.attribute_ids.level_ids),
        )

    def test_wrong_or_missing_token(self):
        self.authenticate(None, None)
        response = self.response_alice
        for url in (
            f"/my/qsr/grids/{response.id}?access_token=wrong",
            f"/my/qsr/grids/{response.id}",
            "/my/qsr/grids/999999?access_token=wrong",
        ):
            with self.subTest(url=url):
                res = self.url_open(url, allow_redirects=False)
                self._assert_redirected_to_my(res)
        res = self.url_open(f"/my/qsr/grids/{response.id}?access_token=wrong")
        self._assert_no_traceback(res)
        self.assertNotIn("o_qsr_radio", res.text)
        # and a save with a wrong token is refused
        before = self._snapshot(response)
        result = self.make_jsonrpc_request(
            f"/my/qsr/grids/{response.id}/save",
            {
                "access_token": "wrong",
                "step": "current",
                "attribute_id": self.attr_conformance.id,
                "level_id": self._level(self.attr_conformance, 2).id,
            },
        )
        self.assertIn("error", result)
        self.assertEqual(self._snapshot(response), before)

    def test_other_participant_refused(self):
        self.authenticate("t_portal_alice", "t_portal_alice")
        res = self.url_open(self._url(self.response_alice, token=False))
        self.assertEqual(res.status_code, 200, "her own grid opens without a token")
        res = self.url_open(
            self._url(self.response_bob, token=False), allow_redirects=False
        )
        self._assert_redirected_to_my(res)
        before = self._snapshot(self.response_bob)
        result = self._save(
            self.response_bob,
            "current",
            self.attr_conformance.id,
            self._level(self.attr_conformance, 2).id,
            token=False,
        )
        self.assertIn("error", result)
        res = self._post(self.response_bob, "/step", token=False, step="acceptable")
        self._assert_redirected_to_my(res)
        res = self._post(self.response_bob, "/submit", token=False)
        self._assert_redirected_to_my(res)
        self.assertEqual(self._snapshot(self.response_bob), before)

    def test_review_not_collecting(self):
        response = self.response_alice
        self._fill_marks(response)
        self.review.stage = "compile"
        before = self._snapshot(response)
        self.authenticate(None, None)
        res = self.url_open(self._url(response))
        self.assertEqual(res.status_code, 200)
        self.assertIn("This review is no longer collecting answers.", res.text)
        self.assertNotIn("o_qsr_radio", res.text)
        self.assertNotIn("o_qsr_submit", res.text)
        result = self._save(
            response,
            "current",
            self.attr_conformance.id,
            self._level(self.attr_conformance, 3).id,
        )
        self.assertEqual(
            result["error"], "This review is no longer collecting answers."
        )
        result = self._comment(response, "Too late", self.attr_conformance.id)
        self.assertIn("error", result)
        res = self._post(response, "/submit")
        self.assertEqual(res.status_code, 200)
        self.assertIn("This review is no longer collecting answers.", res.text)
        self.assertEqual(self._snapshot(response), before)

    # saving

    def test_save_a_click(self):
        response = self.response_alice
        level = self._level(self.attr_conformance, 2)
        self.authenticate(None, None)
        result = self._save(response, "current", self.attr_conformance.id, level.id)
        self.assertNotIn("error", result)
        self.assertEqual(result["level_id"], level.id)
        self.assertEqual(result["state"], "progress")
        self.env.invalidate_all()
        self.assertEqual(
            self._line(response, self.attr_conformance).current_level_id, level
        )
        self.assertFalse(response.interview, "a contact answers for themselves")
        # the saved mark shows on the next step as a badge, and on reload
        response.step = "acceptable"
        res = self.url_open(self._url(response))
        self.assertIn('data-mark="current"', res.text)

    def test_save_errors_change_nothing(self):
        response = self.response_alice
        self._to_round(response, self.round_1)
        step_1 = f"round_{self.round_1.id}"
        step_2 = f"round_{self.round_2.id}"
        self.authenticate(None, None)
        # a valid purchase first, so that there is something to lose
        result = self._save(
            response,
            step_1,
            self.attr_consistency.id,
            self._level(self.attr_consistency, 2).id,
        )
        self.assertNotIn("error", result)
        self.assertEqual(
            result["budget"], {"available": 20.0, "spent": 5.0, "left": 15.0}
        )
        conformance_l4 = self._level(self.attr_conformance, 4)
        cases = [
            (
                "over budget",
                step_1,
                self.attr_conformance.id,
                conformance_l4.id,
                "more than the 20 points available",
            ),
            (
                "reduction below acceptable",
                step_1,
                self.attr_urgent.id,
                self._level(self.attr_urgent, 1).id,
                "reduces it below the acceptable level",
            ),
            (
                "level of another attribute",
                step_1,
                self.attr_conformance.id,
                self._level(self.attr_consistency, 3).id,
                "is not one of its levels",
            ),
            (
                "level of another grid",
                step_1,
                self.attr_conformance.id,
                self.other_attribute.level_ids[1].id,
                "is not one of its levels",
            ),
            (
                "row of another grid",
                step_1,
                self.other_attribute.id,
                self.other_attribute.level_ids[1].id,
                "This row is not part of the grid.",
            ),
            (
                "non-existent level",
                step_1,
                self.attr_conformance.id,
                99999999,
                "This level does not exist.",
            ),
            (
                "non-existent row",
                step_1,
                99999999,
                conformance_l4.id,
                "This row is not part of the grid.",
            ),
            ("non-integer level", step_1, self.attr_conformance.id, "abc", "Invalid"),
            ("float level", step_1, self.attr_conformance.id, 1.5, "Invalid"),
            ("missing level", step_1, self.attr_conformance.id, None, "Invalid"),
            ("non-integer row", step_1, "x'; --", conformance_l4.id, "Invalid"),
            ("huge level id", step_1, self.attr_conformance.id, 2**40, "Invalid"),
            ("negative level id", step_1, self.attr_conformance.id, -3, "Invalid"),
            ("list as row", step_1, [1], conformance_l4.id, "Invalid"),
            (
                "unknown step",
                "round_0",
                self.attr_conformance.id,
                conformance_l4.id,
                "Unknown step",
            ),
            (
                "review step",
                "review",
                self.attr_conformance.id,
                conformance_l4.id,
                "Unknown step",
            ),
            (
                "step not a string",
                7,
                self.attr_conformance.id,
                conformance_l4.id,
                "Unknown step",
            ),
        ]
        for label, step, attribute_id, level_id, message in cases:
            with self.subTest(case=label):
                before = self._snapshot(response)
                result = self._save(response, step, attribute_id, level_id)
                self.assertIn(message, result.get("error", ""))
                self.assertEqual(self._snapshot(response), before)

        # round 2 may not go back below round 1 on a row without reductions
        response._go_to_step(step_2)
        before = self._snapshot(response)
        result = self._save(
            response,
            step_2,
            self.attr_consistency.id,
            self._level(self.attr_consistency, 1).id,
        )
        self.assertIn("goes back below the level of round 1", result["error"])
        self.assertEqual(self._snapshot(response), before)
        # a reduction down to the acceptable level is allowed and releases points
        result = self._save(
            response, step_2, self.attr_urgent.id, self._level(self.attr_urgent, 2).id
        )
        self.assertNotIn("error", result)
        self.assertLess(result["budget"]["spent"], 5.0)

    def test_round_page_costs_and_disabled_levels(self):
        response = self.response_alice
        self._to_round(response, self.round_1)
        line = self._line(response, self.attr_consistency)
        line._set_round_level(self.round_1, self._level(self.attr_consistency, 2))
        response._go_to_step(f"round_{self.round_2.id}")
        self.authenticate(None, None)
        res = self.url_open(self._url(response))
        self.assertEqual(res.status_code, 200)
        self.assertIn('data-available="40"', res.text)
        self.assertIn('data-left="35"', res.text)
        # consistency moved to level 2 in round 1 (cost 5): level 1 is disabled,
        # level 3 (cost 12) costs +7, and the round 1 move shows as a badge
        start = res.text.index(
            f'<tr class="o_qsr_row" data-attribute-id="{self.attr_consistency.id}"'
        )
        row = res.text[start : res.text.index("</tr>", start)]
        self.assertIn("+7", row)
        self.assertIn("After Round 1", row)
        level_1 = self._level(self.attr_consistency, 1)
        cell_1 = row.split(f'value="{level_1.id}"')[1].split(">")[0]
        self.assertIn("disabled", cell_1)

    def test_comment_stored_plain_and_rendered_escaped(self):
        response = self.response_alice
        markup = '<b>bold</b> <script>alert("x")</script>'
        self.authenticate(None, None)
        result = self._comment(response, markup, self.attr_conformance.id)
        self.assertEqual(result, {"comment": markup, "truncated": False})
        result = self._comment(response, "Overall <i>fine</i>")
        self.assertEqual(result["comment"], "Overall <i>fine</i>")
        result = self._comment(response, "x" * 2500, self.attr_consistency.id)
        self.assertTrue(result["truncated"])
        self.env.invalidate_all()
        self.assertEqual(self._line(response, self.attr_conformance).comment, markup)
        self.assertEqual(len(self._line(response, self.attr_consistency).comment), 2000)
        self.assertEqual(response.comment, "Overall <i>fine</i>")
        res = self.url_open(self._url(response))
        self.assertNotIn('<script>alert("x")</script>', res.text)
        self.assertIn("&lt;script&gt;", res.text)
        self.assertIn("&lt;b&gt;bold&lt;/b&gt;", res.text)
        # a comment on a row of another grid is refused
        result = self._comment(response, "No", self.other_attribute.id)
        self.assertIn("error", result)
        result = self._comment(response, ["not", "text"], self.attr_conformance.id)
        self.assertIn("error", result)

    # steps and submitting

    def test_steps(self):
        response = self.response_alice
        self.authenticate(None, None)
        before = self._snapshot(response)
        res = self._post(response, "/step", step="acceptable")
        self.assertEqual(res.status_code, 200)
        self.assertIn("Mark a level on every row first", res.text)
        res = self._post(response, "/step", step="nowhere")
        self.assertEqual(res.status_code, 200)
        self.assertIn("Unknown step of the grid.", res.text)
        self.assertEqual(self._snapshot(response), before)
        self._fill_marks(response)
        res = self._post(response, "/step", step="ideal")
        self.assertEqual(res.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(response.step, "ideal")
        res = self.url_open(self._url(response))
        self.assertIn('aria-current="step"', res.text)
        self.assertIn('data-step="ideal"', res.text)
        # CSRF protects the form posts
        with mute_logger("odoo.http"):
            res = self.url_open(
                self._url(response, "/step"),
                data={"step": "current"},
                allow_redirects=False,
            )
        self.assertEqual(res.status_code, 400)

    def test_submit_with_missing_answers_refused(self):
        response = self.response_alice
        self._fill_marks(response)
        self._line(response, self.attr_conformance).ideal_level_id = False
        before = self._snapshot(response)
        self.authenticate(None, None)
        res = self._post(response, "/submit")
        self.assertEqual(res.status_code, 200)
        self.assertIn(
            "Conformance to specification: no ideal level is marked.", res.text
        )
        self.assertEqual(self._snapshot(response), before)
        self.assertEqual(response.state, "new")
        self.assertFalse(response.date_submitted)

    def test_submit(self):
        response = self.response_alice
        self._to_round(response, self.round_1)
        response._go_to_step("review")
        self.authenticate(None, None)
        res = self.url_open(self._url(response))
        self.assertIn("o_qsr_submit", res.text)
        res = self._post(response, "/submit")
        self.assertEqual(res.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(response.state, "submitted")
        self.assertEqual(response.participant_id.state, "responded")
        date_submitted = response.date_submitted
        self.assertTrue(date_submitted)
        with cursor_modes() as modes:
            res = self.url_open(self._url(response))
        # read your writes: the thank-you page reads the primary, never a
        # replica that may not have the submission yet
        self.assertEqual([mode for _request, mode in modes], ["rw"])
        self.assertIn("Thank you!", res.text)
        self.assertNotIn("o_qsr_radio", res.text)
        self.assertNotIn("o_qsr_comment", res.text.replace("o_qsr_comment_text", ""))
        # submitting twice is harmless
        before = self._snapshot(response)
        res = self._post(response, "/submit")
        self.assertEqual(res.status_code, 303)
        self.assertEqual(self._snapshot(response), before)
        self.assertEqual(response.date_submitted, date_submitted)
        # and the grid no longer changes
        result = self._save(
            response,
            "current",
            self.attr_conformance.id,
            self._level(self.attr_conformance, 3).id,
        )
        self.assertEqual(
            result["error"], "This grid was submitted; it can no longer change."
        )
        self.assertIn(
            "error", self._comment(response, "Later", self.attr_conformance.id)
        )
        res = self._post(response, "/step", step="current")
        self.assertEqual(res.status_code, 200)
        self.assertIn("This grid was submitted; it can no longer change.", res.text)
        self.assertEqual(self._snapshot(response), before)

    # /my

    def test_home_counter_and_list(self):
        self.response_bob.state = "submitted"
        self.authenticate("t_portal_alice", "t_portal_alice")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["qsr_grid_count"]}
        )
        self.assertEqual(counters["qsr_grid_count"], 1)
        res = self.url_open("/my")
        self.assertEqual(res.status_code, 200)
        self.assertIn("Service Review Grids", res.text)
        self.assertIn("/my/qsr/grids", res.text)
        with cursor_modes() as modes:
            res = self.url_open("/my/qsr/grids")
        # read/write: the state of her own answers, read from the primary
        self.assertEqual([mode for _request, mode in modes], ["rw"])
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.review.name, res.text)
        self.assertIn(f'data-response-id="{self.response_alice.id}"', res.text)
        self.assertIn(f"/my/qsr/grids/{self.response_alice.id}?", res.text)
        self.assertNotIn(f'data-response-id="{self.response_bob.id}"', res.text)
        self.authenticate("t_portal_bob", "t_portal_bob")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["qsr_grid_count"]}
        )
        self.assertEqual(counters["qsr_grid_count"], 1)
        res = self.url_open("/my/qsr/grids")
        self.assertIn(f'data-response-id="{self.response_bob.id}"', res.text)
        self.assertNotIn(f'data-response-id="{self.response_alice.id}"', res.text)

    def test_list_pending_first(self):
        second = self.env["qsr.review"].create(
            {
                "partner_id": self.account.id,
                "review_type": "simalto",
                "grid_id": self.grid.id,
                "participant_ids": [
                    Command.create({"partner_id": self.user_alice.partner_id.id})
                ],
            }
        )
        second.stage = "collect"
        self.response_alice.state = "submitted"
        pending = second.response_ids
        self.authenticate("t_portal_alice", "t_portal_alice")
        res = self.url_open("/my/qsr/grids")
        self.assertLess(
            res.text.index(f'data-response-id="{pending.id}"'),
            res.text.index(f'data-response-id="{self.response_alice.id}"'),
        )

    # interview mode

    def test_interview_mode(self):
        response = self.response_alice
        self.authenticate("t_portal_am", "t_portal_am")
        res = self.url_open(self._url(response, token=False))
        self.assertEqual(res.status_code, 200)
        self.assertIn("Interview mode.", res.text)
        level = self._level(self.attr_conformance, 3)
        result = self._save(
            response, "current", self.attr_conformance.id, level.id, token=False
        )
        self.assertNotIn("error", result)
        self.env.invalidate_all()
        self.assertTrue(response.interview)
        self.assertEqual(response.entered_by_id, self.user_am)
        self.assertEqual(
            self._line(response, self.attr_conformance).current_level_id, level
        )
