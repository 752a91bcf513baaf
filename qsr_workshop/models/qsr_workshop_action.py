from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

ACTION_SIDES = [("ours", "Ours"), ("theirs", "Theirs")]
ACTION_STATES = [
    ("todo", "To Do"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
PROGRESS_NOTE_MAX = 2000


class QsrWorkshopAction(models.Model):
    _name = "qsr.workshop.action"
    _inherit = ["mail.thread"]
    _description = "Workshop Action"
    _order = "date_deadline, sequence, id"

    review_id = fields.Many2one(
        "qsr.review",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("review_type", "=", "workshop")],
    )
    account_id = fields.Many2one(
        related="review_id.partner_id", string="Account", store=True, index=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Action", required=True, tracking=True)
    issue_id = fields.Many2one(
        "qsr.workshop.issue",
        ondelete="set null",
        domain="[('review_id', '=', review_id)]",
    )
    side = fields.Selection(ACTION_SIDES, required=True, default="ours", tracking=True)
    owner_user_id = fields.Many2one(
        "res.users",
        string="Our Owner",
        tracking=True,
        domain=[("share", "=", False)],
    )
    owner_partner_id = fields.Many2one(
        "res.partner",
        string="Their Owner",
        tracking=True,
        index=True,
        domain="[('commercial_partner_id', '=', account_id), "
        "('is_company', '=', False)]",
    )
    date_deadline = fields.Date(string="Deadline", tracking=True)
    state = fields.Selection(
        ACTION_STATES, required=True, default="todo", tracking=True
    )
    progress_note = fields.Text()
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )

    # compute

    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = bool(
                action.date_deadline
                and action.date_deadline < today
                and action.state in ("todo", "in_progress")
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        domain = [
            ("date_deadline", "<", fields.Date.context_today(self)),
            ("state", "in", ("todo", "in_progress")),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    # constraints

    @api.constrains("side", "owner_user_id", "owner_partner_id", "account_id")
    def _check_owner(self):
        for action in self:
            if action.side == "ours":
                if not action.owner_user_id:
                    raise ValidationError(
                        self.env._(
                            "Action “%s” is ours: name one of our users as its owner.",
                            action.name,
                        )
                    )
                if action.owner_user_id.share:
                    raise ValidationError(
                        self.env._(
                            "The owner of our action “%s” must be an internal user.",
                            action.name,
                        )
                    )
            else:
                if not action.owner_partner_id:
                    raise ValidationError(
                        self.env._(
                            "Action “%s” is theirs: name a contact of the account as "
                            "its owner.",
                            action.name,
                        )
                    )
                if (
                    action.owner_partner_id.commercial_partner_id != action.account_id
                    or action.owner_partner_id == action.account_id
                ):
                    raise ValidationError(
                        self.env._(
                            "%(contact)s is not a contact of %(account)s.",
                            contact=action.owner_partner_id.display_name,
                            account=action.account_id.display_name,
                        )
                    )

    @api.constrains("issue_id", "review_id")
    def _check_issue(self):
        for action in self:
            if action.issue_id and action.issue_id.review_id != action.review_id:
                raise ValidationError(
                    self.env._(
                        "The issue of action “%s” belongs to another review.",
                        action.name,
                    )
                )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._clean_owner_vals(vals)
        actions = super().create(vals_list)
        # Its owner sees an action even when they cannot see its review: an
        # action is only added to, or moved to, a review its author may change.
        actions.review_id.check_access("write")
        return actions

    def write(self, vals):
        self._clean_owner_vals(vals)
        result = super().write(vals)
        if "review_id" in vals:
            self.review_id.check_access("write")
        return result

    @api.model
    def _clean_owner_vals(self, vals):
        """Only the owner of the action's side is kept."""
        if vals.get("side") == "ours":
            vals["owner_partner_id"] = False
        elif vals.get("side") == "theirs":
            vals["owner_user_id"] = False

    # business

    def _portal_update(self, partner, state, progress_note):
        """Update from the portal by ``partner``; raise UserError with a message
        for the customer when the update is not allowed (nothing is written)."""
        self.ensure_one()
        if self.side != "theirs" or self.owner_partner_id != partner:
            raise UserError(
                self.env._("Only the contact who owns this action can update it.")
            )
        states = dict(self._fields["state"]._description_selection(self.env))
        if state not in states:
            raise UserError(
                self.env._("Choose one of: %s.", ", ".join(states.values()))
            )
        note = (progress_note or "").strip()
        if len(note) > PROGRESS_NOTE_MAX:
            raise UserError(
                self.env._(
                    "The progress note is limited to %s characters.", PROGRESS_NOTE_MAX
                )
            )
        vals = {"state": state, "progress_note": note or self.progress_note}
        self.write(vals)
        if note:
            self.message_post(
                body=note,
                author_id=partner.id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return True
