import numpy as np

from odoo.addons.qsr_review.tests.common import (
    QsrReviewCommon,
    new_account,
    new_users,
)


class ValueSurveyCommon(QsrReviewCommon):
    """The accounts of QsrReviewCommon with e-mail addresses, plus a Maintain
    account whose contacts have no level, one without any contact, and users
    of every role of this addon."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grid = cls.env.ref("qsr_value_survey.grid_value_survey")
        cls.wave = cls.env["qsr.wave"].create(
            {"name": "Test wave", "date_start": "2030-01-01", "date_end": "2030-03-31"}
        )
        for contact in cls.contact_a_exec | cls.contact_a_user | cls.contact_b:
            contact.email = f"{contact.name.split()[0].lower()}@example.com"
        cls.user_am, cls.user_manager, cls.user_internal = new_users(
            cls.env,
            (
                "t_qsr_value_survey_am",
                "Mona Maintain",
                "qsr_review.group_qsr_user",
                "mona@example.com",
            ),
            (
                "t_qsr_value_survey_director",
                "Max Director",
                "qsr_review.group_qsr_manager",
                "max@example.com",
            ),
            ("t_qsr_value_survey_internal", "Ivy Internal", "base.group_user"),
        )
        cls.account_m = new_account(
            cls.env, "Gamma Retail", cls.tier_maintain, cls.user_am
        )
        cls.contact_m_noemail, cls.contact_m_1, cls.contact_m_2 = cls.env[
            "res.partner"
        ].create(
            [
                {"name": "Nora Nomail", "parent_id": cls.account_m.id},
                {
                    "name": "Gina Shop",
                    "parent_id": cls.account_m.id,
                    "email": "gina@example.com",
                },
                {
                    "name": "Hugo Till",
                    "parent_id": cls.account_m.id,
                    "email": "hugo@example.com",
                },
            ]
        )
        cls.account_empty = new_account(
            cls.env, "Empty Shell Ltd", cls.tier_maintain, cls.user_am
        )

    @classmethod
    def _send(cls, partners, invite="all", user=None):
        Wizard = cls.env["qsr.value.survey.wizard"]
        if user:
            Wizard = Wizard.with_user(user)
        wizard = Wizard.create(
            {
                "partner_ids": partners.ids,
                "wave_id": cls.wave.id,
                "invite": invite,
            }
        )
        wizard.action_send()
        return wizard

    @classmethod
    def _submit_all(cls, reviews, seed=7):
        """Answer and submit every grid of the reviews, as a respondent would."""
        rng = np.random.default_rng(seed)
        for review in reviews:
            for response in review.response_ids:
                review._demo_fill(response, rng, submit=True)
