{
    "name": "QSR Executive Interviews",
    "summary": "Executive interview guides, notes and quotes, and a written report "
    "the customer approves or edits on the portal before it is issued",
    "version": "18.0.1.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/qsr-odoo/qsr",
    "author": "QSR for Odoo",
    "license": "AGPL-3",
    "depends": ["qsr_review", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/qsr_interview_security.xml",
        "data/qsr_interview_guide_data.xml",
        "data/mail_template_data.xml",
        "views/qsr_interview_guide_views.xml",
        "views/qsr_interview_report_views.xml",
        "views/qsr_review_views.xml",
        "views/qsr_interview_menus.xml",
        "views/qsr_interview_portal_templates.xml",
    ],
    "demo": ["demo/qsr_interview_demo.xml"],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_frontend": ["qsr_interview/static/src/js/*.js"],
    },
}
