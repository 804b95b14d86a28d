"""The assistant's start page: the authorities the user administers and their tools."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..permissions import administered


@login_required
def index(request):
    return render(request, "dataprotection/index.html",
                  {"authorities": administered(request.user).order_by("name")})
