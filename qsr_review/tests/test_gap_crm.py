from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import QsrReviewCommon, new_users


@tagged("post_install", "-at_install")
class TestGapOpportunitySync(QsrReviewCommon):
    """A gap of account A linked to an opportunity of A, closed by a
    salesperson who is no QSR user, in every way crm wins or loses a lead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        [cls.user_salesman] = new_users(
            cls.env,
            ("t_qsr_gap_sales", "Sal Seller", "sales_team.group_sale_salesman"),
        )
        cls.stage_new, cls.stage_won = cls.env["crm.stage"].create(
            [
                {"name": "T New", "sequence": 1},
                {"name": "T Won", "sequence": 70, "is_won": True},
            ]
        )
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "T Too Dear"})
        cls.lead = cls._opportunity(cls.contact_a_exec)
        cls.gap = cls.env["qsr.gap"].create(
            {
                "name": "Slow deliveries",
                "review_id": cls.review_a.id,
                "user_id": cls.user_am_a.id,
                "state": "progress",
            }
        )

    @classmethod
    def _opportunity(cls, partner):
        return cls.env["crm.lead"].create(
            {
                "name": f"T Deal {partner.name}",
                "type": "opportunity",
                "partner_id": partner.id,
                "user_id": cls.user_salesman.id,
                "stage_id": cls.stage_new.id,
                "probability": 30,
            }
        )

    def _notes(self):
        """The gap's notes about its opportunity, the latest first."""
        return [
            body
            for body in self.gap.message_ids.mapped("body")
            if body and "Opportunity" in body
        ]

    def _link(self):
        self.gap.with_user(self.user_am_a).opportunity_id = self.lead

    def test_link_existing_opportunity(self):
        self._link()
        self.assertEqual(self.lead.qsr_gap_ids, self.gap)
        self.assertEqual(self.gap.state, "progress", "linking changes nothing else")
        with self.assertRaises(ValidationError):
            self.gap.opportunity_id = self._opportunity(self.account_b)

    def test_won_opportunity_closes_gap(self):
        self._link()
        self.lead.with_user(self.user_salesman).action_set_won()
        self.assertEqual(self.gap.state, "done")
        self.assertTrue(self.gap.date_done)
        notes = self._notes()
        self.assertEqual(len(notes), 1)
        self.assertIn(f"Opportunity {self.lead.name} was won", notes[0])

    def test_won_stage_from_kanban_closes_gap(self):
        self._link()
        self.lead.with_user(self.user_salesman).write({"stage_id": self.stage_won.id})
        self.assertEqual(self.gap.state, "done")
        # moving between won stages, or winning again, adds nothing
        self.lead.write({"stage_id": self.stage_won.id, "probability": 100})
        self.assertEqual(len(self._notes()), 1)

    def test_lost_opportunity_reopens_gap_with_reason(self):
        self._link()
        self.lead.with_user(self.user_salesman).action_set_lost(
            lost_reason_id=self.lost_reason.id
        )
        self.assertEqual(self.gap.state, "open")
        notes = self._notes()
        self.assertEqual(len(notes), 1, "one note, with the reason")
        self.assertIn("was lost (T Too Dear): the gap is open again", notes[0])

    def test_lost_by_wizard(self):
        self._link()
        self.gap.state = "done"
        wizard = (
            self.env["crm.lead.lost"]
            .with_user(self.user_salesman)
            .create(
                {
                    "lead_ids": [(6, 0, self.lead.ids)],
                    "lost_reason_id": self.lost_reason.id,
                }
            )
        )
        wizard.action_lost_reason_apply()
        self.assertFalse(self.lead.active)
        self.assertEqual(self.gap.state, "open")
        self.assertIn("T Too Dear", self._notes()[0])

    def test_archived_opportunity_is_lost_without_reason(self):
        self._link()
        self.lead.with_user(self.user_salesman).action_archive()
        self.assertEqual(self.gap.state, "open")
        self.assertIn("no reason given", self._notes()[0])

    def test_open_gap_stays_open_with_a_note(self):
        self.gap.state = "open"
        self._link()
        self.lead.action_set_lost(lost_reason_id=self.lost_reason.id)
        self.assertEqual(self.gap.state, "open")
        self.assertIn("the gap stays open", self._notes()[0])

    def test_won_then_lost_then_restored(self):
        self._link()
        self.lead.action_set_won()
        self.assertEqual(self.gap.state, "done")
        self.lead.action_set_lost(lost_reason_id=self.lost_reason.id)
        self.assertEqual(self.gap.state, "open")
        # the account manager decides the gap will not be fixed; restoring
        # the lead changes nothing on the gap
        self.gap.state = "wont_fix"
        notes = len(self._notes())
        self.lead.action_unarchive()
        self.assertTrue(self.lead.active)
        self.assertEqual(self.gap.state, "wont_fix")
        self.assertEqual(len(self._notes()), notes)

    def test_lost_opportunity_won_again(self):
        self._link()
        self.lead.action_set_lost(lost_reason_id=self.lost_reason.id)
        self.assertEqual(self.gap.state, "open")
        self.lead.with_user(self.user_salesman).action_set_won()
        self.assertTrue(self.lead.active)
        self.assertEqual(self.gap.state, "done")
        self.assertIn("was won", self._notes()[0])

    def test_created_opportunity_syncs_too(self):
        self.gap.action_create_opportunity()
        lead = self.gap.opportunity_id
        lead.stage_id = self.stage_won
        self.assertEqual(self.gap.state, "done")

    def test_merged_opportunity_keeps_its_gaps(self):
        self._link()
        head = self._opportunity(self.account_a)
        head.probability = 80
        merged = (self.lead | head).with_user(self.user_salesman).merge_opportunity()
        self.assertEqual(merged, head)
        self.assertFalse(self.lead.exists())
        self.assertEqual(self.gap.opportunity_id, head)
        self.assertIn(f"was merged into {head.name}", self._notes()[0])
        head.action_set_won()
        self.assertEqual(self.gap.state, "done")

    def test_unlinked_opportunity_leaves_gaps(self):
        self.lead.action_set_won()
        self.assertEqual(self.gap.state, "progress")
        self.assertFalse(self._notes())
