from odoo.fields import Command

from odoo.addons.qsr_review.tests.common import QsrReviewCommon

from .common import RESPONSE_TIME_LEVELS, new_attribute, new_grid

# the price row of SIMALTO.md: (label, price change in percent, cost)
PRICE_LEVELS = [
    ("10% more", 10, -20),
    ("5% more", 5, -10),
    ("As now", 0, 0),
    ("3% less", -3, 12),
    ("5% less", -5, 25),
]


def price_row_values(area, name="Price you pay", levels=None, **vals):
    """The values of a price row in ``area``."""
    return {
        "name": name,
        "area_id": area.id,
        "sequence": 99,
        "is_price": True,
        "level_ids": [
            Command.create(
                {"name": label, "price_change": change, "cost": cost, "sequence": i}
            )
            for i, (label, change, cost) in enumerate(levels or PRICE_LEVELS, 1)
        ],
        **vals,
    }


def new_priced_grid(env, name="Priced example"):
    """A grid of one service row (response time, costs 0, 4, 10, 16) and the
    price row of SIMALTO.md (point value 15 / 45 = 1/3 % per point), with
    two rounds of 10 points."""
    grid = new_grid(env, name)
    area = grid.area_ids
    new_attribute(area, "Response time", RESPONSE_TIME_LEVELS, 1)
    env["qsr.grid.attribute"].create(price_row_values(area))
    return grid


class PricedCommon(QsrReviewCommon):
    """Alpha Industries (annual revenue 2,000,000) reviews the priced grid with
    its executive A (weight 3) and its operational user B (weight 1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grid = new_priced_grid(cls.env)
        cls.response_time = cls.grid.attribute_ids.filtered(lambda a: not a.is_price)
        cls.price = cls.grid._price_attribute()
        cls.rt = cls.response_time.level_ids.sorted()
        cls.pr = cls.price.level_ids.sorted()
        cls.as_now = cls.pr[2]
        cls.round_1, cls.round_2 = cls.grid.round_ids.sorted()
        cls.review = cls.review_a
        cls.review.write({"grid_id": cls.grid.id, "review_type": "simalto"})
        cls.review.participant_ids.filtered(
            lambda p: p.partner_id == cls.contact_a_exec
        ).weight = 3
        cls.review.participant_ids.filtered(
            lambda p: p.partner_id == cls.contact_a_user
        ).weight = 1
        cls.review.action_next_stage()  # collect: responses and invitations
        by_contact = {r.partner_id: r for r in cls.review.response_ids}
        cls.response_a = by_contact[cls.contact_a_exec]
        cls.response_b = by_contact[cls.contact_a_user]

    @classmethod
    def _answer_priced(cls):
        """A: response time 48 h today, 24 h acceptable, 4 h ideal; buys 8 h
        in round 1 (10 points) and 4 h in round 2 (6): 16 points, no price
        rise. B: 24 h today and acceptable; accepts a 5% rise in round 1
        (releases 10 points) and buys 4 h (12 points): 12 points on the row."""
        a, b = cls.response_a, cls.response_b
        rt, price = cls.response_time, cls.price
        a._save_answer("current", rt, cls.rt[0])
        a._save_answer("acceptable", rt, cls.rt[1])
        a._save_answer("ideal", rt, cls.rt[3])
        a._save_answer("acceptable", price, cls.as_now)
        a._save_answer("ideal", price, cls.pr[4])
        a._save_answer(f"round_{cls.round_1.id}", rt, cls.rt[2])
        a._save_answer(f"round_{cls.round_2.id}", rt, cls.rt[3])
        b._save_answer("current", rt, cls.rt[1])
        b._save_answer("acceptable", rt, cls.rt[1])
        b._save_answer("ideal", rt, cls.rt[3])
        b._save_answer("acceptable", price, cls.pr[1])
        b._save_answer("ideal", price, cls.pr[4])
        b._save_answer(f"round_{cls.round_1.id}", price, cls.pr[1])
        b._save_answer(f"round_{cls.round_1.id}", rt, cls.rt[3])
        (a | b).action_submit()
