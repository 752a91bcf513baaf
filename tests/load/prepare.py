"""Prepare the load-test database, in the runner's process, through the ORM.

Respondents are portal contacts of tiered accounts; their reviews are moved to the
collecting stage (which creates the responses and sends the invitations, as when an
account manager clicks the button); part of the responses are then drafts at a random
step, as if the respondent had started before. Returns what every response holds.
"""

import random

from odoo.addons.qsr_simalto.analysis.simalto_engine import MARKS

PASSWORD = "load-Test-2024"  # the password of every user created here
MANAGER_LOGIN = "load_manager"
# the other steps of a grid, after the marks, are its budget rounds, then "review"


def response_state(response):
    """What ``response`` holds, in the shape the clients build as they answer."""
    lines = {}
    for line in response.line_ids:
        lines[line.attribute_id.id] = {
            **{mark: line[f"{mark}_level_id"].id or None for mark in MARKS},
            "rounds": {
                choice.round_id.id: choice.level_id.id for choice in line.choice_ids
            },
            "comment": line.comment or None,
        }
    return {
        "id": response.id,
        "state": response.state,
        "step": response.step,
        "comment": response.comment or None,
        "lines": lines,
        "submitted_by_client": False,
    }


def _upgrade(line, rnd, base, budget_left, rng):
    """Move ``line`` one level above ``base`` in round ``rnd`` if the budget allows."""
    levels = line.attribute_id.level_ids.sorted("position")
    higher = levels.filtered(lambda level: level.position == base.position + 1)
    if not higher or higher.cost - base.cost > budget_left or rng.random() < 0.5:
        return base, budget_left
    line._set_round_level(rnd, higher)
    return higher, budget_left - (higher.cost - base.cost)


def prefill(response, progress, rng):
    """Answer ``response`` through its first ``progress`` steps, as its respondent
    would have with the grid (the same model methods the portal calls)."""
    steps = [key for key, _label in response._steps()]
    marks = [step for step in steps if step in MARKS]
    rounds = response.grid_id.round_ids.sorted()
    done = steps[:progress]
    for line in response.line_ids:
        levels = line.attribute_id.level_ids.sorted("position")
        line.write(
            {
                f"{mark}_level_id": rng.choice(levels).id
                for mark in marks
                # today's price is 'as now' for everyone, preset
                if mark in done
                and not (mark == "current" and line.attribute_id.is_price)
            }
        )
    if any(f"round_{rnd.id}" in done for rnd in rounds):
        spent = 0.0
        base = {line: line.current_level_id for line in response.line_ids}
        available = 0.0
        for rnd in rounds:
            if f"round_{rnd.id}" not in done:
                break
            available += rnd.budget
            for line in response.line_ids.sorted(lambda _line: rng.random()):
                level, left = _upgrade(line, rnd, base[line], available - spent, rng)
                spent += (available - spent) - left
                base[line] = level
    if progress:
        response._check_answers()
        response._mark_progress(steps[progress])


def prepare(env, respondents, pool, fault_responses, seed):
    """Create the data of one run; returns the plan the runner drives."""
    rng = random.Random(seed)
    env = env(context=dict(env.context, tracking_disable=False))
    cadence_cron = env.ref("qsr_review.ir_cron_qsr_plan_reviews")
    # only the cadence job runs, when the runner triggers it (the mail queue would
    # try to reach an SMTP server)
    env["ir.cron"].with_context(active_test=False).search(
        [("id", "!=", cadence_cron.id)]
    ).active = False
    cadence_cron.write({"active": True, "nextcall": "2099-01-01 00:00:00"})

    manager = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Load Manager",
                "login": MANAGER_LOGIN,
                "password": PASSWORD,
                "email": "load_manager@example.com",
                "groups_id": [
                    (4, env.ref("base.group_system").id),
                    (4, env.ref("base.group_partner_manager").id),
                    (4, env.ref("qsr_review.group_qsr_manager").id),
                ],
            }
        )
    )
    grid = env.ref("qsr_simalto.grid_default")._latest_version()
    portal = env.ref("base.group_portal")

    def portal_user(account, login, name):
        return (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": name,
                    "login": login,
                    "password": PASSWORD,
                    "email": f"{login}@example.com",
                    "groups_id": [(6, 0, [portal.id])],
                    "parent_id": account.id,
                }
            )
        )

    def reviews_collecting(account, contacts, count):
        reviews = env["qsr.review"].create(
            [
                {
                    "partner_id": account.id,
                    "review_type": "simalto",
                    "grid_id": grid.id,
                    "user_id": manager.id,
                    "participant_ids": [
                        (0, 0, {"partner_id": contact.id}) for contact in contacts
                    ],
                }
                for _i in range(count)
            ]
        )
        reviews.action_next_stage()  # collect: responses and invitations
        return reviews.response_ids

    plan = {"clients": [], "fault": [], "responses": {}, "grid_steps": None}
    steps = [key for key, _label in grid._steps()]
    plan["grid_steps"] = steps
    for index in range(respondents):
        account = env["res.partner"].create(
            {
                "name": f"Load Account {index:02d}",
                "is_company": True,
                "user_id": manager.id,
                "qsr_tier_id": env.ref("qsr_review.tier_strategic").id,
            }
        )
        user = portal_user(account, f"load_resp_{index:02d}", f"Respondent {index:02d}")
        responses = reviews_collecting(account, user.partner_id, pool)
        for number, response in enumerate(responses):
            # a draft at a random step: from not started to ready to submit; each
            # respondent first comes back to the grid they had all but finished
            progress = len(steps) - 1 if number == 0 else rng.randrange(len(steps))
            prefill(response, progress, rng)
        plan["clients"].append(
            {
                "login": user.login,
                # half the respondents log in, half follow the link of the e-mail
                "logged_in": index % 2 == 0,
                "responses": [(r.id, r.access_token) for r in responses],
            }
        )
    account = env["res.partner"].create(
        {"name": "Load Faults", "is_company": True, "user_id": manager.id}
    )
    contacts = env["res.partner"]
    for index in range(fault_responses):
        contacts |= portal_user(
            account, f"load_fault_{index:02d}", f"Fault {index:02d}"
        ).partner_id
    for response in reviews_collecting(account, contacts, 1):
        prefill(response, len(steps) - 1, rng)  # complete, ready to submit
        plan["fault"].append((response.id, response.access_token))
    env.flush_all()
    env.invalidate_all()
    for response in env["qsr.response"].search([]):
        plan["responses"][response.id] = response_state(response)
    plan["cadence_cron_id"] = cadence_cron.id
    plan["password"] = PASSWORD
    plan["manager"] = MANAGER_LOGIN
    return plan
