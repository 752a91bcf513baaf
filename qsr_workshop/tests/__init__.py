from . import test_workshop
from . import test_access
from . import test_portal
from . import test_account_plan_actions
from . import test_portal_plan
from . import test_portal_plan_tour
from . import test_portal_lang
from . import test_a11y
