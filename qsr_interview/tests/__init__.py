from . import test_access
from . import test_interview
from . import test_portal
from . import test_a11y
