from . import test_access
from . import test_interview
from . import test_portal
from . import test_portal_lang
from . import test_mail_lang_migration
from . import test_a11y
