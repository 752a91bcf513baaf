from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPortalPlanTour(HttpCase):
    """The demo customer (qsr_portal: Katrin Vogel of Nordhaven) answers her
    pending grid, then opens the published account plan, finds its PDF and
    comments on it."""

    def test_customer_answers_then_comments_on_the_plan(self):
        katrin = self.env.ref("qsr_review.res_partner_nordhaven_proc")
        # the demo's Katrin speaks German; the tour follows the English wording
        katrin.lang = "en_US"
        nordhaven = katrin.commercial_partner_id
        pending = self.env["qsr.response"].search(
            [("partner_id", "=", katrin.id), ("state", "!=", "submitted")]
        )
        self.assertEqual(len(pending), 1, "the demo leaves her one grid to answer")
        plan = self.env["qsr.account.plan"].search(
            [("partner_id", "=", nordhaven.id), ("published", "=", True)]
        )
        self.assertEqual(len(plan), 1, "the demo publishes Nordhaven's plan")
        self.start_tour(
            "/my/qsr/grids", "qsr_plan_customer_tour", login="qsr_portal", timeout=300
        )
        self.env.invalidate_all()
        self.assertEqual(pending.state, "submitted")
        self.assertEqual(len(pending.line_ids), 30)
        for line in pending.line_ids:
            self.assertEqual(line.ideal_level_id.position, 4)
            self.assertEqual(line.acceptable_level_id.position, 2)
        comment = plan.message_ids.filtered(lambda m: "Hamburg plant" in (m.body or ""))
        self.assertEqual(len(comment), 1)
        self.assertEqual(comment.author_id, katrin)
        self.assertEqual(comment.message_type, "comment")
