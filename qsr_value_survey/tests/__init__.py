from . import test_grid
from . import test_wizard
from . import test_analysis
from . import test_access
