from odoo import models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    def write(self, vals):
        """A review's meeting moved in the calendar moves the review's meeting
        date with it (whoever may move the event may move the meeting)."""
        result = super().write(vals)
        if "start" in vals and self.ids:
            reviews_sudo = (
                self.env["qsr.review"]
                .sudo()
                .search([("meeting_event_id", "in", self.ids)])
            )
            for review_sudo in reviews_sudo:
                start = review_sudo.meeting_event_id.start
                if review_sudo.meeting_date != start:
                    review_sudo.meeting_date = start
        return result
