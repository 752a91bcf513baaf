from . import qsr_account_revenue
from . import res_partner
