from django.urls import path

from . import review_views, views

urlpatterns = [
    path("versions/<int:version_pk>/start/", views.reply_start, name="reply_start"),
    path("replies/<int:pk>/", views.reply_detail, name="reply_detail"),
    path("replies/<int:pk>/submit/", views.reply_submit, name="reply_submit"),
    path("replies/<int:reply_pk>/questions/<str:number>/", views.question_edit, name="question_edit"),
    path("replies/<int:reply_pk>/questions/<str:number>/autosave/", views.question_autosave, name="question_autosave"),
    path("replies/<int:reply_pk>/questions/<str:number>/history/", views.answer_history, name="answer_history"),
    path("replies/<int:reply_pk>/questions/<str:number>/attachments/", views.attachment_add, name="attachment_add"),
    path("replies/<int:reply_pk>/questions/<str:number>/attachments/<int:attachment_pk>/remove/",
         views.attachment_remove, name="attachment_remove"),
    path("attachments/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path("account/notifications/", views.notification_settings, name="notification_settings"),
    path("versions/<int:old_pk>/diff/<int:new_pk>/", views.version_diff, name="version_diff"),
    path("versions/<int:pk>/preview/", views.version_preview, name="version_preview"),
    path("review/", review_views.review_queue, name="review_queue"),
    path("review/approve/", review_views.answers_approve, name="answers_approve"),
    path("review/answers/<int:pk>/", review_views.answer_review, name="answer_review"),
    path("review/answers/<int:pk>/decide/", review_views.answer_decide, name="answer_decide"),
    path("answers/<int:pk>/comments/", review_views.comment_post, name="comment_post"),
]
