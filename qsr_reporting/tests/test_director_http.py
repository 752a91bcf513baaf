import io
import json
import warnings

from openpyxl import load_workbook
from werkzeug.urls import url_encode

from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review.tests.common import cursor_modes

from .common import ReportCommon

# what the Analysis menu offers a QSR manager, at the least
ANALYSIS_ACTIONS = {
    "qsr_reporting.qsr_dashboard_action",
    "qsr_reporting.qsr_report_response_line_action",
    "qsr_reporting.qsr_report_account_wave_action",
    "qsr_reporting.qsr_account_health_action",
    "qsr_reporting.qsr_portfolio_report_wizard_action",
    "qsr_reporting.qsr_package_action",
    "qsr_reporting.qsr_report_tolerated_failing_action",
}


@tagged("post_install", "-at_install")
class TestDirectorHttp(HttpCase, ReportCommon):
    """The demo sales director (QSR Administrator and Sales Manager, without
    Settings rights) works through the web client's own routes: the
    dashboard's data, every action of the Analysis menu with its views and
    records, and the portfolio priority matrix downloaded as XLSX."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = cls.env.ref("qsr_review.user_qsr_director")
        cls.wave = cls.env["qsr.wave"].create(
            {"name": "2040 Q1", "date_start": "2040-01-01", "date_end": "2040-03-31"}
        )
        (cls.review | cls.review_b).wave_id = cls.wave
        cls.env.flush_all()

    def setUp(self):
        super().setUp()
        self.authenticate("qsr_director", "qsr_director")

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_director_has_no_settings_rights(self):
        self.assertEqual(self.director.login, "qsr_director")
        self.assertTrue(self.director.has_group("qsr_review.group_qsr_manager"))
        for group in ("base.group_system", "base.group_erp_manager"):
            self.assertFalse(self.director.has_group(group), group)

    def test_dashboard_data(self):
        with cursor_modes() as modes:
            data = self._call("qsr.dashboard", "get_data", wave_id=self.wave.id)
        # read-only: served by the database replica when one is configured
        self.assertEqual([mode for _request, mode in modes], ["ro"])
        self.assertEqual(data["wave"]["id"], self.wave.id)
        # Alpha (Key) and Beta (Strategic) reviewed in the wave
        self.assertEqual(data["coverage"]["reviewed"], 2)
        self.assertEqual(data["coverage"]["submitted"], 3)
        self.assertTrue(data["areas"])
        self.assertIsNot(data["pipeline"], False, "a Sales Manager sees the pipeline")
        self.assertIsNot(data["health"], False)

    def _xlsx_text(self, content):
        self.assertTrue(content.startswith(b"PK"))
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "(Unknown|Conditional Formatting) ext")
            book = load_workbook(io.BytesIO(content))
        return book, " ".join(
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )

    def test_portfolio_xlsx_download(self):
        """From the wizard of the Analysis menu to the file, as the web client
        does it: the wizard's print action names the report, the client
        downloads /report/xlsx/<report>/<wave>."""
        [wizard] = self._call(
            "qsr.portfolio.report.wizard",
            "web_save",
            [],
            {"wave_id": self.wave.id},
            specification={"wave_id": {}},
        )
        action = self._call(
            "qsr.portfolio.report.wizard", "action_print", [wizard["id"]]
        )
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        url = f"/report/xlsx/{action['report_name']}/{self.wave.id}"
        with cursor_modes() as modes:
            response = self.url_open(url)
        # Odoo's report routes are read-only: the report writes nothing
        self.assertEqual([mode for _request, mode in modes], ["ro"])
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        book, text = self._xlsx_text(response.content)
        self.assertEqual(book.sheetnames, ["By Tier", "By Account"])
        for name in ("Alpha Industries", "Beta Logistics", "Response time"):
            self.assertIn(name, text)
        # through /report/download, which names the file
        response = self.url_open(
            "/report/download?"
            + url_encode({"data": json.dumps([url, "xlsx"]), "context": "{}"})
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "QSR%20Priority%20Matrix%20-%202040%20Q1.xlsx",
            response.headers["Content-Disposition"],
        )
        self.assertEqual(
            self._xlsx_text(response.content)[0].sheetnames, book.sheetnames
        )

    def test_every_analysis_action(self):
        """Each action under Analysis loads, its views load, and its records
        are read the way each view reads them."""
        analysis = self.env.ref("qsr_reporting.menu_qsr_analysis")
        menus = (
            self.env["ir.ui.menu"]
            .with_user(self.director)
            .search([("id", "child_of", analysis.id), ("action", "!=", False)])
        )
        loaded = set()
        for menu in menus:
            action = self.make_jsonrpc_request(
                "/web/action/load", {"action_id": menu.action.id}
            )
            what = f"{menu.complete_name}: {action.get('xml_id') or action['id']}"
            loaded.add(action.get("xml_id"))
            if action["type"] == "ir.actions.client":
                self.assertEqual(action["tag"], "qsr_reporting.dashboard", what)
                self._call("qsr.dashboard", "get_data", wave_id=False)
                continue
            self.assertEqual(action["type"], "ir.actions.act_window", what)
            model = action["res_model"]
            views = [[view_id or False, kind] for view_id, kind in action["views"]]
            if "search" not in [kind for _v, kind in views]:
                search_view = action.get("search_view_id") or [False]
                views.append([search_view[0], "search"])
            result = self._call(
                model,
                "get_views",
                views=views,
                options={"toolbar": True, "load_filters": True},
            )
            fields = result["models"][model]["fields"]
            kinds = {kind for _v, kind in views}
            if kinds & {"list", "kanban"}:
                self._call(
                    model, "web_search_read", [], specification={"display_name": {}}
                )
            if kinds & {"pivot", "graph"}:
                self._call(model, "web_read_group", [], ["__count"], [])
            if kinds == {"form", "search"} or action.get("target") == "new":
                self._call(model, "default_get", list(fields))
        self.assertLessEqual(ANALYSIS_ACTIONS, loaded)
