from . import qsr_review
