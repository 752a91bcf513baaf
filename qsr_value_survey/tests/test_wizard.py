from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ValueSurveyCommon


@tagged("post_install", "-at_install")
class TestValueSurveyWizard(ValueSurveyCommon):
    def _invitations(self, responses):
        return self.env["mail.mail"].search(
            [("model", "=", "qsr.response"), ("res_id", "in", responses.ids)]
        )

    def test_all_contacts(self):
        wizard = self._send(self.account_a | self.account_b | self.account_m)
        self.assertEqual(wizard.state, "done")
        reviews = wizard.review_ids
        self.assertEqual(
            reviews.partner_id, self.account_a | self.account_b | self.account_m
        )
        for review in reviews:
            self.assertEqual(review.review_type, "value_survey")
            self.assertEqual(review.grid_id, self.grid)
            self.assertEqual(review.stage, "collect")
            self.assertEqual(review.wave_id, self.wave)
            self.assertEqual(
                review.participant_ids.partner_id, review.partner_id.child_ids
            )
            self.assertEqual(review.response_ids.participant_id, review.participant_ids)
            self.assertEqual(set(review.participant_ids.mapped("state")), {"invited"})
        responses = reviews.response_ids
        self.assertEqual(len(responses), 6)
        self.assertEqual(len(responses.line_ids), 6 * len(self.grid.attribute_ids))
        mails = self._invitations(responses)
        self.assertEqual(len(mails), 6, "one invitation per response")
        self.assertEqual(mails.recipient_ids, reviews.participant_ids.partner_id)
        self.assertEqual((wizard.invited_count, wizard.no_email_count), (5, 1))
        self.assertFalse(wizard.skipped_ids)

    def test_one_contact_per_company(self):
        wizard = self._send(self.account_a | self.account_b | self.account_m, "main")
        by_account = {
            r.partner_id: r.participant_ids.partner_id for r in wizard.review_ids
        }
        # the executive outranks the operational user
        self.assertEqual(by_account[self.account_a], self.contact_a_exec)
        self.assertEqual(by_account[self.account_b], self.contact_b)
        # no level known: the first contact with an e-mail address
        self.assertEqual(by_account[self.account_m], self.contact_m_1)
        self.assertEqual(len(wizard.review_ids.response_ids), 3)
        self.assertEqual(len(self._invitations(wizard.review_ids.response_ids)), 3)

    def test_companies_without_contacts_are_skipped(self):
        wizard = self._send(self.account_empty | self.account_a)
        self.assertEqual(wizard.review_ids.partner_id, self.account_a)
        self.assertEqual(wizard.skipped_ids.partner_id, self.account_empty)
        self.assertEqual(wizard.skipped_ids.reason, "no_contact")
        self.assertFalse(
            self.env["qsr.review"].search([("partner_id", "=", self.account_empty.id)])
        )

    def test_only_skipped_companies(self):
        wizard = self._send(self.account_empty)
        self.assertEqual(wizard.state, "done")
        self.assertFalse(wizard.review_ids)
        self.assertEqual(wizard.skipped_ids.reason, "no_contact")

    def test_no_company(self):
        wizard = self.env["qsr.value.survey.wizard"].create({})
        with self.assertRaises(UserError):
            wizard.action_send()

    def test_once_per_wave(self):
        first = self._send(self.account_a)
        second = self._send(self.account_a | self.account_b)
        self.assertEqual(second.review_ids.partner_id, self.account_b)
        self.assertEqual(second.skipped_ids.partner_id, self.account_a)
        self.assertEqual(second.skipped_ids.reason, "surveyed")
        first.review_ids.action_cancel()
        third = self._send(self.account_a)
        self.assertEqual(third.review_ids.partner_id, self.account_a)

    def test_date_in_wave(self):
        wizard = self._send(self.account_a)
        review = wizard.review_ids
        self.assertEqual(str(review.date_planned), "2030-01-01")
        self.assertEqual(review.wave_id, self.wave)

    def test_open_reviews(self):
        wizard = self._send(self.account_a | self.account_b)
        action = wizard.action_view_reviews()
        self.assertEqual(
            self.env["qsr.review"].search(action["domain"]), wizard.review_ids
        )

    def test_batch_of_thirty(self):
        companies = self.env["res.partner"].create(
            [{"name": f"Batch Customer {i:02d}", "is_company": True} for i in range(30)]
        )
        self.env["res.partner"].create(
            [
                {
                    "name": f"Contact {i:02d}-{n}",
                    "parent_id": company.id,
                    "email": f"c{i}.{n}@example.com",
                    "qsr_contact_level": "senior" if n else "operational",
                }
                for i, company in enumerate(companies)
                for n in range(1 + i % 2)
            ]
        )
        companies |= self.account_empty
        wizard = self._send(companies)
        self.assertEqual(len(wizard.review_ids), 30)
        self.assertEqual(wizard.skipped_ids.partner_id, self.account_empty)
        self.assertEqual(len(wizard.review_ids.participant_ids), 45)
        self.assertEqual(len(wizard.review_ids.response_ids), 45)
        self.assertEqual(set(wizard.review_ids.mapped("stage")), {"collect"})
        self.assertEqual(len(self._invitations(wizard.review_ids.response_ids)), 45)

        main = self._send(companies, "main")
        self.assertFalse(main.review_ids, "all of them were surveyed in the wave")
        self.assertEqual(len(main.skipped_ids), 31)
