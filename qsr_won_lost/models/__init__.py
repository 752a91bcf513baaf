from . import qsr_won_lost_reason
from . import qsr_review
from . import crm_lead
from . import qsr_report_won_lost
from . import qsr_report_win_loss
from . import res_config_settings
