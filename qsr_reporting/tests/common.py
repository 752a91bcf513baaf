from odoo.addons.qsr_simalto.tests.common import SimaltoCommon


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
