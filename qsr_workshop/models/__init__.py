from . import qsr_workshop_issue
from . import qsr_workshop_action
from . import qsr_review
from . import qsr_account_plan
