from . import qsr_interview_guide
from . import qsr_interview_guide_question
from . import qsr_interview_answer
from . import qsr_interview_report
from . import qsr_interview_report_revision
from . import qsr_review
