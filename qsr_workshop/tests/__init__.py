from . import test_workshop
from . import test_access
from . import test_portal
