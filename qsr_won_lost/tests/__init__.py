from . import test_won_lost
from . import test_report
from . import test_threshold
from . import test_access
