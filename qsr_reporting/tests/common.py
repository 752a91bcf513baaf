from odoo.addons.qsr_simalto.tests.common import SimaltoCommon


def results_page(case, login):
    """The customer's results page (/my/qsr/results) as ``login`` sees it, in
    the HTTP test ``case``."""
    case.authenticate(login, login)
    response = case.url_open("/my/qsr/results")
    case.assertEqual(response.status_code, 200)
    return response.text


class ReportCommon(SimaltoCommon):
    """SIMALTO.md's worked example in Alpha Industries (Key tier): A, an executive
    (weight 4), and B, an operational user (1); plus C, a senior decision maker
    (3) of Beta Logistics (Strategic tier), who marks Response time L2 today, L3
    acceptable, and Delivered in full L3 today, L2 acceptable, then spends 6
    points on Response time in round 1 and 5 on Delivered in full in round 2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._answer_worked_example()
        cls.review.response_ids.action_submit()
        review_b = cls.review_b
        review_b.write(
            {
                "grid_id": cls.grid.id,
                "review_type": "simalto",
                "sponsor_id": cls.user_sponsor.id,
            }
        )
        review_b.action_next_stage()
        cls.response_c = review_b.response_ids
        cls._answer(
            cls.response_c,
            {cls.response_time: (2, 3, 4), cls.in_full: (3, 2, 4)},
            [{cls.response_time: 3}, {cls.in_full: 4}],
        )
        cls.response_c.action_submit()
        cls.accounts = cls.account_a | cls.account_b
        cls.env.flush_all()

    @classmethod
    def _create_two_waves(cls):
        """Two consecutive waves, 2041 Q1 then Q2, for account A to answer
        in again (see ``_answer_next_wave``)."""
        return cls.env["qsr.wave"].create(
            [
                {
                    "name": "2041 Q1",
                    "date_start": "2041-01-01",
                    "date_end": "2041-03-31",
                },
                {
                    "name": "2041 Q2",
                    "date_start": "2041-04-01",
                    "date_end": "2041-06-30",
                },
            ]
        )

    @classmethod
    def _answer_next_wave(cls, wave):
        """The next review of account A, in ``wave``: its two contacts answer
        again (response time better for the executive, in full worse) and
        submit. Returns that review."""
        following = cls.env["qsr.review"].browse(
            cls.review.action_plan_next_review()["res_id"]
        )
        following.wave_id = wave
        following.action_next_stage()  # collect: the same two contacts
        by_contact = {r.partner_id: r for r in following.response_ids}
        rt, inf = cls.response_time, cls.in_full
        cls._answer(
            by_contact[cls.contact_a_exec],
            {rt: (3, 2, 4), inf: (1, 2, 3)},
            [{rt: 4}, {inf: 2}],
        )
        cls._answer(
            by_contact[cls.contact_a_user],
            {rt: (2, 2, 2), inf: (3, 3, 3)},
            [{rt: 3}, {inf: 4}],
        )
        following.response_ids.action_submit()
        cls.env.flush_all()
        return following
