{
    "name": "QSR Shared Expectations Workshop",
    "summary": "Issues as both sides see them and a jointly agreed action plan, "
    "updated by the customer on the portal",
    "version": "18.0.1.2.0",
    "category": "Sales/CRM",
    "website": "https://github.com/qsr-odoo/qsr",
    "author": "QSR for Odoo",
    "license": "AGPL-3",
    "depends": ["qsr_review", "portal"],
    "data": [
        "security/qsr_workshop_security.xml",
        "security/ir.model.access.csv",
        "views/qsr_workshop_action_views.xml",
        "views/qsr_review_views.xml",
        "views/qsr_account_plan_views.xml",
        "views/qsr_workshop_portal_templates.xml",
        "views/qsr_account_plan_portal_templates.xml",
        "views/qsr_workshop_menus.xml",
    ],
    "demo": ["demo/qsr_workshop_demo.xml", "demo/qsr_account_plan_demo.xml"],
    "assets": {
        "web.assets_tests": ["qsr_workshop/static/tests/tours/*.js"],
    },
}
