from consultations.models.drafts import DraftParagraph, DraftRound, DraftSection
from consultations.models.pages import (
    TIME_ZONE_CHOICES,
    ConsultationPage,
    GuidingQuestion,
)
from consultations.models.submissions import (
    Answer,
    Attachment,
    Comment,
    CommentResponse,
    Confidentiality,
    Submission,
)

__all__ = [
    "TIME_ZONE_CHOICES",
    "Answer",
    "Attachment",
    "Comment",
    "CommentResponse",
    "Confidentiality",
    "ConsultationPage",
    "DraftParagraph",
    "DraftRound",
    "DraftSection",
    "GuidingQuestion",
    "Submission",
]
