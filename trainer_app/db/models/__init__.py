"""All tables of the app. Importing this package registers every model on `Base.metadata`."""

from trainer_app.db.base import Base
from trainer_app.db.models.admin import AuditEntry, ImportBatch, Setting
from trainer_app.db.models.content import (
    MediaFile,
    MediaItem,
    PlaybackPosition,
    Programme,
    ProgrammeAgendaItem,
    Question,
    QuestionOption,
    Quiz,
    QuizVersion,
)
from trainer_app.db.models.exchange import (
    ExchangeAttempt,
    ExchangeAttendance,
    ExchangeCertificate,
    ExchangeNeighbourhood,
    ExchangePackage,
    ExchangePerson,
    ExchangeProgramme,
    ExchangeSession,
    ExchangeStation,
)
from trainer_app.db.models.people import Neighbourhood, Person, Role
from trainer_app.db.models.training import (
    AgendaItem,
    Answer,
    Attempt,
    Attendance,
    Certificate,
    TrainingSession,
)

__all__ = [
    "AgendaItem",
    "Answer",
    "Attempt",
    "Attendance",
    "AuditEntry",
    "Base",
    "Certificate",
    "ExchangeAttempt",
    "ExchangeAttendance",
    "ExchangeCertificate",
    "ExchangeNeighbourhood",
    "ExchangePackage",
    "ExchangePerson",
    "ExchangeProgramme",
    "ExchangeSession",
    "ExchangeStation",
    "ImportBatch",
    "MediaFile",
    "MediaItem",
    "Neighbourhood",
    "Person",
    "PlaybackPosition",
    "Programme",
    "ProgrammeAgendaItem",
    "Question",
    "QuestionOption",
    "Quiz",
    "QuizVersion",
    "Role",
    "Setting",
    "TrainingSession",
]
