from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review import uninstall_hook

from .common import QsrReviewCommon, new_account, new_users


@tagged("post_install", "-at_install")
class TestTierBulk(QsrReviewCommon):
    """Companies of every suggestion, built by hand against the demo tiers:
    Strategic (from 5,000,000, or strategic name, or industry partner), Key
    (from 1,000,000), Development (from 250,000) and Maintain (no rule: the
    fallback)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an account manager who sells, so may change the company
        [cls.user_seller_am] = new_users(
            cls.env,
            (
                "t_qsr_tier_seller",
                "Tess Seller",
                "qsr_review.group_qsr_user,sales_team.group_sale_salesman",
            ),
        )
        cls.big = new_account(cls.env, "T Big", qsr_annual_revenue=6_000_000)
        cls.mid = new_account(
            cls.env, "T Mid", user=cls.user_am_b, qsr_annual_revenue=1_500_000
        )
        cls.famous = new_account(cls.env, "T Famous", qsr_strategic_name=True)
        cls.small = new_account(cls.env, "T Small", qsr_annual_revenue=1000)
        cls.outgrown = new_account(
            cls.env,
            "T Outgrown",
            cls.tier_maintain,
            cls.user_am_a,
            qsr_annual_revenue=6_000_000,
        )
        cls.settled = new_account(
            cls.env,
            "T Settled",
            cls.tier_key,
            cls.user_am_a,
            qsr_annual_revenue=1_200_000,
        )
        cls.person = cls.env["res.partner"].create(
            {"name": "T Person", "qsr_annual_revenue": 9_000_000}
        )
        cls.partners = (
            cls.big
            | cls.mid
            | cls.famous
            | cls.small
            | cls.outgrown
            | cls.settled
            | cls.person
        )
        cls.activity_type = cls.env.ref("qsr_review.mail_activity_type_qsr_tier_check")

    def _search(self, domain):
        return self.env["res.partner"].search(
            [("id", "in", self.partners.ids), *domain]
        )

    def _tier_checks(self, partner):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def test_suggested_tier_is_searchable(self):
        expected = {
            self.tier_strategic: self.big | self.famous | self.outgrown,
            self.tier_key: self.mid | self.settled,
            self.tier_development: self.env["res.partner"],
            self.tier_maintain: self.small,
        }
        for tier, partners in expected.items():
            self.assertEqual(
                self._search([("qsr_suggested_tier_id", "=", tier.id)]), partners
            )
            self.assertEqual(
                self._search([("qsr_suggested_tier_id", "!=", tier.id)]),
                self.partners - partners,
            )
            # the search agrees with the computed field
            self.assertEqual(
                self.partners.filtered(lambda p, t=tier: p.qsr_suggested_tier_id == t),
                partners,
            )
        self.assertEqual(
            self._search([("qsr_suggested_tier_id", "=", False)]), self.person
        )
        self.assertEqual(
            self._search(
                [
                    (
                        "qsr_suggested_tier_id",
                        "in",
                        [self.tier_key.id, self.tier_maintain.id],
                    )
                ]
            ),
            self.mid | self.settled | self.small,
        )

    def test_suggested_tier_search_by_name(self):
        self.assertEqual(
            self._search([("qsr_suggested_tier_id", "=", "Key")]),
            self.mid | self.settled,
        )
        self.assertEqual(
            self._search([("qsr_suggested_tier_id", "in", [self.tier_maintain])]),
            self.small,
        )

    def test_suggested_tier_search_follows_configuration(self):
        self.tier_key.min_annual_revenue = 1_300_000
        self.assertEqual(
            self._search([("qsr_suggested_tier_id", "=", self.tier_key.id)]), self.mid
        )
        self.assertEqual(
            self._search([("qsr_suggested_tier_id", "=", self.tier_development.id)]),
            self.settled,
        )

    def test_tier_candidates(self):
        """Companies without a tier that a rule would tier: not the fallback,
        not the tiered, not individuals."""
        candidates = self.big | self.mid | self.famous
        self.assertEqual(self._search([("qsr_tier_candidate", "=", True)]), candidates)
        self.assertEqual(
            self._search([("qsr_tier_candidate", "=", False)]),
            self.partners - candidates,
        )
        self.assertEqual(self.partners.filtered("qsr_tier_candidate"), candidates)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.res_partner_action_tier_candidates"
        )
        self.assertEqual(
            self._search(eval(action["domain"])),  # pylint: disable=eval-used
            candidates,
        )

    def test_apply_suggested_tier_in_bulk(self):
        messages_before = {p: len(p.message_ids) for p in self.partners}
        self.partners.with_user(self.user_seller_am).action_apply_suggested_tier()
        self.assertRecordValues(
            self.partners,
            [
                {"qsr_tier_id": self.tier_strategic.id},
                {"qsr_tier_id": self.tier_key.id},
                {"qsr_tier_id": self.tier_strategic.id},
                {"qsr_tier_id": self.tier_maintain.id},
                {"qsr_tier_id": self.tier_strategic.id},
                {"qsr_tier_id": self.tier_key.id},
                {"qsr_tier_id": False},
            ],
        )
        self.assertFalse(self._search([("qsr_tier_candidate", "=", True)]))

        def notes(partner):
            return [body for body in partner.message_ids.mapped("body") if body]

        self.assertIn("Suggested tier Strategic applied.", notes(self.big)[0])
        self.assertIn(
            "Tier changed from Maintain to the suggested tier Strategic.",
            notes(self.outgrown)[0],
        )
        # already of its suggested tier, or no suggestion: nothing written
        self.assertEqual(len(self.settled.message_ids), messages_before[self.settled])
        self.assertEqual(len(self.person.message_ids), messages_before[self.person])

    def test_tier_check_once_per_account(self):
        self.env["qsr.tier"]._cron_tier_check()
        # mismatched tier, and a candidate with an account manager
        activity = self._tier_checks(self.outgrown)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_am_a)
        self.assertIn("tier Strategic", activity.note)
        self.assertIn("of tier Maintain", activity.note)
        self.assertEqual(self._tier_checks(self.mid).user_id, self.user_am_b)
        self.assertIn("has no tier", self._tier_checks(self.mid).note)
        # right tier, no account manager, fallback only, individual: nothing
        for partner in self.settled | self.big | self.famous | self.small:
            self.assertFalse(self._tier_checks(partner), partner.name)
        self.assertFalse(self._tier_checks(self.account_a))

        # the next day: no duplicate
        self.env["qsr.tier"]._cron_tier_check()
        self.assertEqual(len(self._tier_checks(self.outgrown)), 1)
        self.assertEqual(len(self._tier_checks(self.mid)), 1)

        # applying the suggestion closes the check; none is raised again
        self.outgrown.with_user(self.user_seller_am).action_apply_suggested_tier()
        self.assertFalse(self._tier_checks(self.outgrown))
        self.env["qsr.tier"]._cron_tier_check()
        self.assertFalse(self._tier_checks(self.outgrown))

    def test_uninstall_removes_tier_checks(self):
        """Their type leaves with the addon (activities restrict its deletion):
        the uninstall hook removes the tier checks of the contacts that stay."""
        self.env["qsr.tier"]._cron_tier_check()
        self.assertTrue(self._tier_checks(self.outgrown))
        uninstall_hook(self.env)
        self.assertFalse(self._tier_checks(self.outgrown))
        self.assertFalse(self._tier_checks(self.mid))

    def test_tier_check_cron_record(self):
        cron = self.env.ref("qsr_review.ir_cron_qsr_tier_check")
        self.assertEqual(cron.interval_type, "days")
        self.assertEqual(cron.interval_number, 1)
        cron.method_direct_trigger()
        self.assertEqual(len(self._tier_checks(self.outgrown)), 1)


@tagged("post_install", "-at_install")
class TestTierCandidatesTour(HttpCase, QsrReviewCommon):
    def test_tier_candidates_in_one_click(self):
        [user] = new_users(
            self.env,
            (
                "t_qsr_tier_tour",
                "Tina Tiers",
                "qsr_review.group_qsr_user,sales_team.group_sale_salesman",
            ),
        )
        one = new_account(self.env, "T Cand One", qsr_annual_revenue=1_500_000)
        two = new_account(self.env, "T Cand Two", qsr_strategic_name=True)
        three = new_account(self.env, "T Cand Three", qsr_annual_revenue=300_000)
        self.start_tour(
            "/odoo/action-qsr_review.res_partner_action_tier_candidates",
            "qsr_tier_candidates_tour",
            login=user.login,
        )
        self.assertRecordValues(
            one | two | three,
            [
                {"qsr_tier_id": self.tier_key.id},
                {"qsr_tier_id": self.tier_strategic.id},
                {"qsr_tier_id": self.tier_development.id},
            ],
        )
        self.assertIn(
            "Suggested tier Strategic applied.",
            next(body for body in two.message_ids.mapped("body") if body),
        )
