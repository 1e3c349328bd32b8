from django.urls import path

from directory.places.redirects import follows_merges

from . import views

urlpatterns = [
    path(
        "cities/<slug:slug>/correction/",
        follows_merges(views.CorrectionView.as_view()),
        name="community-correction",
    ),
    path(
        "cities/<slug:slug>/correction/thanks/",
        follows_merges(views.ThanksView.as_view()),
        name="correction-thanks",
    ),
]
