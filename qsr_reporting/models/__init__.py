from . import qsr_report_mixin
from . import qsr_report_response_line
from . import qsr_report_account_wave
from . import qsr_dashboard
from . import qsr_review
from . import res_partner
