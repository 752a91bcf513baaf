from odoo.exceptions import AccessError
from odoo.tests import Form, tagged, users
from odoo.tools import mute_logger

from .common import ValueSurveyCommon


@tagged("post_install", "-at_install")
class TestValueSurveyAccess(ValueSurveyCommon):
    @users("t_qsr_value_survey_internal")
    @mute_logger("odoo.addons.base.models.ir_model")
    def test_internal_user_cannot_send(self):
        with self.assertRaises(AccessError):
            self.env["qsr.value.survey.wizard"].create(
                {"partner_ids": self.account_m.ids}
            )

    @users("t_qsr_value_survey_am")
    def test_qsr_user_surveys_own_accounts_only(self):
        wizard = self._send(
            self.account_m | self.account_a | self.account_empty, user=self.env.user
        )
        self.assertEqual(wizard.review_ids.partner_id, self.account_m)
        self.assertEqual(wizard.review_ids.user_id, self.env.user)
        skipped = {line.partner_id: line.reason for line in wizard.skipped_ids}
        self.assertEqual(
            skipped,
            {self.account_a: "not_managed", self.account_empty: "no_contact"},
        )
        self.assertEqual(len(wizard.review_ids.response_ids), 3)

    @users("t_qsr_value_survey_am")
    def test_qsr_user_as_team_member(self):
        self.env["qsr.account.team.member"].sudo().create(
            {"partner_id": self.account_a.id, "user_id": self.env.uid}
        )
        wizard = self._send(self.account_a, user=self.env.user)
        self.assertEqual(wizard.review_ids.partner_id, self.account_a)

    @users("t_qsr_value_survey_director")
    def test_manager_surveys_any_company(self):
        wizard = self._send(
            self.account_a | self.account_b | self.account_m, user=self.env.user
        )
        self.assertEqual(
            wizard.review_ids.partner_id,
            self.account_a | self.account_b | self.account_m,
        )
        self.assertFalse(wizard.skipped_ids)

    @users("t_qsr_value_survey_am")
    def test_qsr_user_reads_only_own_analysis(self):
        surveys = self._send(self.account_a | self.account_m).review_ids
        self.env.flush_all()
        self._submit_all(surveys.sudo())
        self.env.flush_all()
        lines = self.env["qsr.report.response.line"].search(
            [
                ("review_id.review_type", "=", "value_survey"),
                ("wave_id", "=", self.wave.id),
            ]
        )
        self.assertEqual(lines.account_id, self.account_m)

    @users("t_qsr_value_survey_am")
    def test_qsr_user_sends_from_company_list(self):
        """The action on the company list, through the wizard's form."""
        context = {
            "active_model": "res.partner",
            "active_ids": (self.account_m | self.account_empty).ids,
        }
        with Form(self.env["qsr.value.survey.wizard"].with_context(**context)) as form:
            self.assertEqual(form.grid_id, self.grid)
            form.wave_id = self.wave
            form.invite = "main"
        wizard = form.record
        action = wizard.action_send()
        self.assertEqual(
            (action["res_model"], action["res_id"]), (wizard._name, wizard.id)
        )
        self.assertEqual(wizard.review_ids.participant_ids.partner_id, self.contact_m_1)
        self.assertEqual(wizard.skipped_ids.partner_id, self.account_empty)
        wizard.action_send()
        self.assertEqual(len(wizard.review_ids), 1, "sending twice sends once")
