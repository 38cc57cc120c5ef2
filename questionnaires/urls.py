from django.urls import path

from .views import account, answering, attachments, history, review, versions

app_name = "questionnaires"

urlpatterns = [
    path("versions/<int:version_pk>/start/", answering.reply_start, name="reply_start"),
    path("replies/<int:pk>/", answering.reply_detail, name="reply_detail"),
    path("replies/<int:pk>/check/", answering.reply_check, name="reply_check"),
    path("replies/<int:pk>/submit/", answering.reply_submit, name="reply_submit"),
    path("replies/<int:pk>/publishable/", answering.reply_publishable, name="reply_publishable"),
    path("replies/<int:reply_pk>/questions/<str:number>/", answering.question_edit, name="question_edit"),
    path("replies/<int:reply_pk>/questions/<str:number>/autosave/", answering.question_autosave,
         name="question_autosave"),
    path("replies/<int:reply_pk>/questions/<str:number>/history/", history.answer_history, name="answer_history"),
    path("replies/<int:reply_pk>/questions/<str:number>/history/<int:revision>/restore/",
         history.answer_revision_restore, name="answer_revision_restore"),
    path("replies/<int:reply_pk>/questions/<str:number>/attachments/", attachments.attachment_add,
         name="attachment_add"),
    path("replies/<int:reply_pk>/questions/<str:number>/attachments/<int:attachment_pk>/remove/",
         attachments.attachment_remove, name="attachment_remove"),
    path("attachments/<int:attachment_pk>/", attachments.attachment_download, name="attachment_download"),
    path("account/notifications/", account.notification_settings, name="notification_settings"),
    path("versions/<int:old_pk>/diff/<int:new_pk>/", versions.version_diff, name="version_diff"),
    path("versions/<int:pk>/preview/", versions.version_preview, name="version_preview"),
    path("review/", review.review_queue, name="review_queue"),
    path("review/approve/", review.answers_approve, name="answers_approve"),
    path("review/answers/<int:pk>/", review.answer_review, name="answer_review"),
    path("review/answers/<int:pk>/decide/", review.answer_decide, name="answer_decide"),
    path("answers/<int:pk>/comments/", review.comment_post, name="comment_post"),
]
