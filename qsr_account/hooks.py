from odoo.tools import SQL


def post_init_hook(env):
    """Compute the revenue from the invoices, and keep the annual revenue
    typed before as it is: an account whose typed revenue differs from its
    invoiced revenue becomes typed by hand, with that reason, so that
    installing this addon changes no figure (tiers, weights, reports)."""
    env["qsr.account.revenue"]._compute_all(write_annual=False)
    partners = env["res.partner"]
    partners.flush_model()
    env.cr.execute(
        SQL(
            """
            UPDATE res_partner
               SET qsr_revenue_source = 'manual', qsr_revenue_override_reason = %s
             WHERE qsr_revenue_source IS DISTINCT FROM 'manual'
               AND COALESCE(qsr_annual_revenue, 0) != COALESCE(qsr_invoiced_revenue, 0)
            """,
            env._("Typed before the revenue came from invoices"),
        )
    )
    partners.invalidate_model(["qsr_revenue_source", "qsr_revenue_override_reason"])
