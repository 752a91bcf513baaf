from datetime import datetime

from odoo.fields import Command

from .common import QsrReviewCommon, new_user

# a meeting well in the future: Odoo mails invitations for future events only
MEETING = datetime(2099, 3, 10, 9, 0)
MOVED = datetime(2099, 3, 17, 14, 30)


class TestMeetingEvent(QsrReviewCommon):
    """The customer meeting of a review is a calendar event, as Odoo's calendar
    has them: its attendees invited by Odoo's own mail, moved with the date,
    removed when the date is cleared, archived while the review is cancelled."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact_a_exec.email = "alice.exec@alpha.example.com"
        cls.contact_a_user.email = "oscar.operator@alpha.example.com"
        cls.review_a.sponsor_id = cls.user_sponsor
        cls.invitation = cls.env.ref("calendar.calendar_template_meeting_invitation")
        cls.changedate = cls.env.ref("calendar.calendar_template_meeting_changedate")

    def _mailed(self, event, template):
        """The partners Odoo mailed ``template`` about ``event``."""
        subjects = {
            attendee.partner_id: template._render_field("subject", attendee.ids)[
                attendee.id
            ]
            for attendee in event.attendee_ids
        }
        messages = self.env["mail.message"].search(
            [("model", "=", "calendar.event"), ("res_id", "=", event.id)]
        )
        return self.env["res.partner"].union(
            *(
                partner
                for message in messages
                for partner in message.partner_ids
                if subjects.get(partner) == message.subject
            )
        )

    def test_created_with_attendees_and_invitations(self):
        review = self.review_a.with_user(self.user_am_a)
        self.assertFalse(review.meeting_event_id)
        review.meeting_date = MEETING
        event = review.meeting_event_id
        self.assertTrue(event)
        self.assertEqual(event.start, MEETING)
        self.assertEqual(event.stop, datetime(2099, 3, 10, 10, 0))
        self.assertEqual(event.user_id, self.user_am_a)
        self.assertEqual((event.res_model, event.res_id), ("qsr.review", review.id))
        expected = (
            self.contact_a_exec
            | self.contact_a_user
            | self.user_am_a.partner_id
            | self.user_sponsor.partner_id
        )
        self.assertEqual(event.partner_ids, expected)
        self.assertEqual(event.attendee_ids.partner_id, expected)
        # Odoo mails the invitation to everyone but the one who set the date
        self.assertEqual(
            self._mailed(event, self.invitation), expected - self.user_am_a.partner_id
        )
        # the smart button opens the event
        action = review.action_view_meeting_event()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("calendar.event", event.id)
        )

    def test_created_with_the_review(self):
        review = self.env["qsr.review"].create(
            {
                "partner_id": self.account_b.id,
                "meeting_date": MEETING,
                "participant_ids": [Command.create({"partner_id": self.contact_b.id})],
                "our_attendee_ids": [Command.link(self.user_director.id)],
            }
        )
        self.assertEqual(
            review.meeting_event_id.partner_ids,
            self.contact_b | self.user_am_b.partner_id | self.user_director.partner_id,
        )
        self.assertEqual(review.meeting_event_id.user_id, self.user_am_b)

    def test_moved_with_the_date(self):
        review = self.review_a.with_user(self.user_am_a)
        review.meeting_date = MEETING
        event = review.meeting_event_id
        event.stop = datetime(2099, 3, 10, 11, 0)  # made two hours long in the calendar
        review.meeting_date = MOVED
        self.assertEqual(review.meeting_event_id, event, "moved, not replaced")
        self.assertEqual(event.start, MOVED)
        self.assertEqual(event.stop, datetime(2099, 3, 17, 16, 30), "same length")
        self.assertEqual(
            self._mailed(event, self.changedate),
            event.partner_ids - self.user_am_a.partner_id,
        )

    def test_moved_in_the_calendar(self):
        review = self.review_a.with_user(self.user_am_a)
        review.meeting_date = MEETING
        event = review.meeting_event_id.with_user(self.user_am_a)
        event.write({"start": MOVED, "stop": datetime(2099, 3, 17, 15, 30)})
        self.assertEqual(review.meeting_date, MOVED)
        self.assertEqual(review.meeting_event_id, event)
        self.assertEqual(
            (event.start, event.stop), (MOVED, datetime(2099, 3, 17, 15, 30))
        )

    def test_attendees_follow_the_review(self):
        review = self.review_a.with_user(self.user_am_a)
        review.meeting_date = MEETING
        event = review.meeting_event_id
        colleague = new_user(
            self.env, "t_qsr_colleague", "Carl Colleague", "base.group_user"
        )
        event.partner_ids = [Command.link(colleague.partner_id.id)]  # by hand
        review.write(
            {
                "participant_ids": [
                    Command.unlink(
                        review.participant_ids.filtered(
                            lambda p: p.partner_id == self.contact_a_user
                        ).id
                    )
                ],
                "our_attendee_ids": [Command.link(self.user_director.id)],
            }
        )
        self.assertEqual(
            event.partner_ids,
            self.contact_a_exec
            | self.user_am_a.partner_id
            | self.user_sponsor.partner_id
            | self.user_director.partner_id
            | colleague.partner_id,
        )
        self.assertIn(
            self.user_director.partner_id, self._mailed(event, self.invitation)
        )

    def test_participants_added_and_removed_directly(self):
        self.review_b.meeting_date = MEETING
        event = self.review_b.meeting_event_id
        colleague, other = self.env["res.partner"].create(
            [
                {"name": "Bella Buyer", "parent_id": self.account_b.id},
                {"name": "Ben Planner", "parent_id": self.account_b.id},
            ]
        )
        participant = self.env["qsr.review.participant"].create(
            {"review_id": self.review_b.id, "partner_id": colleague.id}
        )
        self.assertIn(colleague, event.partner_ids)
        participant.partner_id = other
        self.assertNotIn(colleague, event.partner_ids)
        self.assertIn(other, event.partner_ids)
        participant.unlink()
        self.assertEqual(event.partner_ids, self.contact_b | self.user_am_b.partner_id)

    def test_cleared_date_removes_the_event(self):
        review = self.review_a.with_user(self.user_am_a)
        review.meeting_date = MEETING
        event = review.meeting_event_id
        review.meeting_date = False
        self.assertFalse(review.meeting_event_id)
        self.assertFalse(event.exists())
        review.meeting_date = MOVED
        self.assertEqual(review.meeting_event_id.start, MOVED, "a new event")

    def test_cancelled_review_archives_the_event(self):
        review = self.review_a.with_user(self.user_am_a)
        review.meeting_date = MEETING
        event = review.meeting_event_id
        review.action_cancel()
        self.assertEqual(review.meeting_event_id, event)
        self.assertFalse(event.active)
        review.meeting_date = MOVED  # while cancelled: stays archived
        self.assertFalse(event.active)
        review.action_reset_draft()
        self.assertTrue(event.active)
        self.assertEqual(event.start, MOVED)

    def test_deleted_review_deletes_the_event(self):
        self.review_b.meeting_date = MEETING
        event = self.review_b.meeting_event_id
        self.review_b.unlink()
        self.assertFalse(event.exists())

    def test_confidential_review_private_event(self):
        review = self.env["qsr.review"].create(
            {
                "partner_id": self.account_b.id,
                "review_type": "council",
                "meeting_date": MEETING,
            }
        )
        self.assertTrue(review.confidential)
        self.assertEqual(review.meeting_event_id.privacy, "private")
        self.assertEqual(
            review.meeting_event_id.with_user(self.user_internal).display_name, "Busy"
        )

    def test_migration_creates_events_without_mail(self):
        self.env.cr.execute(
            "UPDATE qsr_review SET meeting_date = %s WHERE id IN %s",
            [MEETING, tuple((self.review_a | self.review_b).ids)],
        )
        self.env.invalidate_all()
        self.review_b.action_cancel()
        reviews = self.env["qsr.review"]._migrate_meeting_events()
        self.assertIn(self.review_a, reviews)
        self.assertNotIn(self.review_b, reviews)
        self.assertEqual(self.review_a.meeting_event_id.start, MEETING)
        self.assertFalse(self.review_b.meeting_event_id)
        self.assertFalse(self._mailed(self.review_a.meeting_event_id, self.invitation))


class TestEngagementActivity(QsrReviewCommon):
    """Engaging a resource after a review schedules one to-do for them on the
    review, where the account's feedback is."""

    def test_one_activity_for_the_person_engaged(self):
        review = self.review_a.with_user(self.user_am_a)
        review.write(
            {
                "engagement_ids": [
                    Command.create(
                        {
                            "user_id": self.user_internal.id,
                            "department": "logistics",
                            "action": "Split deliveries by site",
                            "date_briefed": "2099-04-01",
                        }
                    )
                ]
            }
        )
        engagement = review.engagement_ids
        activity = engagement.activity_id
        self.assertEqual(len(activity), 1)
        self.assertEqual(
            (activity.res_model, activity.res_id), ("qsr.review", review.id)
        )
        self.assertEqual(activity.user_id, self.user_internal)
        self.assertEqual(
            activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertEqual(activity.summary, "Act on the feedback of Alpha Industries")
        self.assertIn("Split deliveries by site", str(activity.note))
        self.assertIn(review.name, str(activity.note))
        self.assertEqual(str(activity.date_deadline), "2099-04-01")

        def activities():
            return self.env["mail.activity"].search(
                [("res_model", "=", "qsr.review"), ("res_id", "=", review.id)]
            )

        before = activities()
        # editing the row schedules nothing more; another person takes it over
        engagement.action = "Split deliveries by site and day"
        engagement.user_id = self.user_am_b
        self.assertEqual(activities(), before)
        self.assertEqual(activity.user_id, self.user_am_b)
        # once done, it is not scheduled again
        activity.action_feedback(feedback="Done")
        self.assertFalse(engagement.activity_id)
        engagement.date_briefed = "2099-04-02"
        self.assertEqual(len(activities()), len(before) - 1)

    def test_removed_row_removes_its_activity(self):
        engagement = self.env["qsr.review.engagement"].create(
            {
                "review_id": self.review_b.id,
                "user_id": self.user_internal.id,
                "action": "Call the buyer",
            }
        )
        activity = engagement.activity_id
        self.assertTrue(activity)
        engagement.unlink()
        self.assertFalse(activity.exists())
