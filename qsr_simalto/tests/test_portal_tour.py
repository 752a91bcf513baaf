from odoo.tests import tagged

from .portal_common import QsrPortalCommon


@tagged("post_install", "-at_install")
class TestPortalTour(QsrPortalCommon):
    def _alice_answers(self, tour):
        """Alice opens her grid from her invitation link and runs ``tour``;
        returns her response."""
        response = self.response_alice
        self.start_tour(self._url(response), tour, login="t_portal_alice", timeout=600)
        self.env.invalidate_all()
        return response

    def test_portal_grid_tour(self):
        response = self._alice_answers("qsr_portal_grid_tour")
        self.assertEqual(response.state, "submitted")
        self.assertFalse(response.interview)
        self.assertEqual(response.comment, "Faster answers to complaints, please.")
        self.assertEqual(len(response.line_ids), 30)
        as_now = self.grid._price_level_as_now()
        for line in response.line_ids:
            with self.subTest(attribute=line.attribute_id.name):
                self.assertTrue(line.current_level_id)
                self.assertTrue(line.acceptable_level_id)
                self.assertTrue(line.ideal_level_id)
                self.assertEqual(
                    line.current_level_id.position,
                    3 if line.attribute_id.is_price else 2,
                )
                self.assertEqual(line.ideal_level_id.position, 4)
        price_line = response.line_ids.filtered("attribute_id.is_price")
        self.assertEqual(price_line.current_level_id, as_now)
        spent = []
        for rnd in self.rounds:
            available, points = response._budget_status(rnd)
            self.assertLessEqual(points, available)
            spent.append(points)
        self.assertEqual(spent, [12, 29, 60])
        first = response.line_ids[0]
        self.assertTrue(first.distress)
        self.assertEqual(first.final_level_id.position, 4)

    def test_portal_grid_keyboard_tour(self):
        """The whole grid answered with Tab, the arrow keys, Space and Enter."""
        response = self._alice_answers("qsr_portal_grid_keyboard_tour")
        self.assertEqual(response.state, "submitted")
        for line in response.line_ids:
            with self.subTest(attribute=line.attribute_id.name):
                self.assertEqual(
                    line.current_level_id.position,
                    3 if line.attribute_id.is_price else 2,
                )
                self.assertEqual(line.acceptable_level_id.position, 1)
                self.assertEqual(line.ideal_level_id.position, 4)
        first = response.line_ids[0]
        self.assertEqual(first.final_level_id.position, 3)
        first_round = self.rounds[0]
        available, points = response._budget_status(first_round)
        self.assertLessEqual(points, available)
