"""What the API returns, one module per sub-domain: the questionnaires' structure, replies and answers,
and what the reports app makes of them (compilations, progress, figures)."""

from .replies import AnswerSerializer, ReplySerializer
from .reports import CompilationSerializer, FiguresSerializer, ProgressSerializer
from .structure import PartySerializer, VersionDetailSerializer, VersionSerializer

__all__ = [
    "AnswerSerializer", "CompilationSerializer", "FiguresSerializer", "PartySerializer", "ProgressSerializer",
    "ReplySerializer", "VersionDetailSerializer", "VersionSerializer",
]
