"""The search index follows what happens in questionnaires: every new revision of an answer, every
version published. (Decisions need nothing: who may read an answer is decided at query time.)"""

from django.dispatch import receiver

from questionnaires.signals import answer_changed, version_published

from .services import document_index_answer, documents_index_version


@receiver(answer_changed)
def index_answer(sender, answer, item_answers, **kwargs):
    document_index_answer(answer=answer, item_answers=item_answers.values())


@receiver(version_published)
def index_questions(sender, version, **kwargs):
    documents_index_version(version=version)
