from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.qsr_review.tests.common import new_portal_contact


class QsrPortalCommon(HttpCase):
    """An account with two portal contacts, its account manager, and a Simalto
    review on the default grid collecting their answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.grid = cls.env.ref("qsr_simalto.grid_default")
        cls.rounds = cls.grid.round_ids.sorted()

        cls.user_am = mail_new_test_user(
            cls.env,
            login="t_portal_am",
            name="Paula Manager",
            groups="qsr_review.group_qsr_user",
        )
        cls.account = cls.env["res.partner"].create(
            {
                "name": "Portal Pumps Ltd",
                "is_company": True,
                "user_id": cls.user_am.id,
            }
        )
        cls.user_alice = new_portal_contact(
            cls.env, cls.account, "t_portal_alice", "Alice Portal"
        )
        cls.user_bob = new_portal_contact(
            cls.env, cls.account, "t_portal_bob", "Bob Portal"
        )
        cls.review = cls.env["qsr.review"].create(
            {
                "partner_id": cls.account.id,
                "review_type": "simalto",
                "grid_id": cls.grid.id,
                "participant_ids": [
                    Command.create({"partner_id": cls.user_alice.partner_id.id}),
                    Command.create({"partner_id": cls.user_bob.partner_id.id}),
                ],
            }
        )
        cls.review.stage = "collect"
        cls.response_alice = cls.review.response_ids.filtered(
            lambda r: r.partner_id == cls.user_alice.partner_id
        )
        cls.response_bob = cls.review.response_ids.filtered(
            lambda r: r.partner_id == cls.user_bob.partner_id
        )
        # a second, small grid, for rows, levels and rounds that are not of ours
        cls.other_grid = cls.env["qsr.grid"].create(
            {
                "name": "Other Grid",
                "round_ids": [Command.create({"name": "Only Round", "budget": 10})],
                "area_ids": [
                    Command.create(
                        {
                            "name": "Other Area",
                            "attribute_ids": [
                                Command.create(
                                    {
                                        "name": "Other Row",
                                        "level_ids": [
                                            Command.create(
                                                {"name": "Low", "sequence": 1}
                                            ),
                                            Command.create(
                                                {
                                                    "name": "High",
                                                    "sequence": 2,
                                                    "cost": 5,
                                                }
                                            ),
                                        ],
                                    }
                                )
                            ],
                        }
                    )
                ],
            }
        )
        cls.other_attribute = cls.other_grid.attribute_ids

    # helpers

    @classmethod
    def _alice_response_on_cut_grid(cls, rows, name):
        """Alice's response, collecting, to a copy of the default grid cut to
        its first ``rows`` rows."""
        grid = cls.grid.copy({"name": name})
        grid.attribute_ids[rows:].unlink()
        grid.area_ids.filtered(lambda area: not area.attribute_ids).unlink()
        review = cls.env["qsr.review"].create(
            {
                "partner_id": cls.account.id,
                "review_type": "simalto",
                "grid_id": grid.id,
                "participant_ids": [
                    Command.create({"partner_id": cls.user_alice.partner_id.id})
                ],
            }
        )
        review.stage = "collect"
        return review.response_ids

    def _url(self, response, suffix="", token=True):
        url = f"/my/qsr/grids/{response.id}{suffix}"
        if token:
            url += f"?access_token={response.access_token}"
        return url

    def _level(self, attribute, position):
        return attribute.level_ids.filtered(lambda level: level.position == position)

    def _line(self, response, attribute):
        return response.line_ids.filtered(lambda line: line.attribute_id == attribute)

    def _fill_marks(self, response, current=2, acceptable=2, ideal=4):
        """Every row marked at these level positions, straight in the database;
        today's level on the price row stays "as now"."""
        for line in response.line_ids:
            attribute = line.attribute_id
            today = (
                line.current_level_id
                if attribute.is_price
                else self._level(attribute, current)
            )
            line.write(
                {
                    "current_level_id": today.id,
                    "acceptable_level_id": self._level(attribute, acceptable).id,
                    "ideal_level_id": self._level(attribute, ideal).id,
                }
            )

    def _snapshot(self, response):
        """The stored answers of ``response``, to prove that nothing changed."""
        self.env.invalidate_all()
        return {
            line.attribute_id.id: (
                line.current_level_id.id,
                line.acceptable_level_id.id,
                line.ideal_level_id.id,
                line.competitor_level_id.id,
                tuple(sorted((c.round_id.id, c.level_id.id) for c in line.choice_ids)),
                line.comment,
            )
            for line in response.line_ids
        } | {
            "response": (
                response.state,
                response.step,
                response.comment,
                response.interview,
                response.entered_by_id.id,
            )
        }

    def _save(self, response, step, attribute_id, level_id, token=True):
        params = {"step": step, "attribute_id": attribute_id, "level_id": level_id}
        if token:
            params["access_token"] = response.access_token
        return self.make_jsonrpc_request(self._url(response, "/save", False), params)

    def _comment(self, response, comment, attribute_id=None):
        params = {
            "access_token": response.access_token,
            "attribute_id": attribute_id,
            "comment": comment,
        }
        return self.make_jsonrpc_request(self._url(response, "/comment", False), params)

    def _post(self, response, suffix, token=True, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        if token:
            data["access_token"] = response.access_token
        return self.url_open(
            self._url(response, suffix, False), data=data, allow_redirects=False
        )
