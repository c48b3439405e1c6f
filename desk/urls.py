from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("", views.enquiry_form, name="form"),
    path("thanks/<str:token>/", views.thanks, name="thanks"),
    path("privacy/", views.privacy, name="privacy"),
]
