"""Moderation: the authority's moderators, planners and admins only (others get 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.models import Authority
from portal.personal_data import personal_data

from .. import selectors
from ..forms import BlockForm, ModerationForm, NewDialogueForm, SettingsForm
from ..models import CommentStatus
from ..services import block_author, create_dialogue, lift_block, moderate


def _dialogues_or_404(user):
    if not selectors.moderated_authorities(user):
        raise Http404
    return selectors.staff_dialogues(user)


@never_cache
@login_required
@personal_data
def dialogue_list(request):
    dialogues = _dialogues_or_404(request.user).select_related("authority").annotate(
        comment_count=Count("comments", distinct=True))
    queue = (selectors.staff_comments(request.user)
             .annotate(flag_count=Count("flags"))
             .exclude(status=CommentStatus.VISIBLE, flag_count=0)
             .order_by("-created_at", "-pk")[:200])
    from ..models import Block

    blocks = (Block.objects.filter(authority__in=selectors.moderated_authorities(request.user),
                                   lifted_at__isnull=True).select_related("authority"))
    return render(request, "dialogues/staff/list.html",
                  {"dialogues": dialogues, "queue": queue, "blocks": blocks,
                   "may_create": bool(selectors.managed_authorities(request.user))})


@never_cache
@login_required
@personal_data
def dialogue_settings(request, dialogue_uid):
    dialogue = _dialogues_or_404(request.user).filter(uid=dialogue_uid).first()
    if dialogue is None:
        raise Http404
    form = SettingsForm(request.POST or None, instance=dialogue)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings are saved."))
        return redirect("dialogues_staff:list")
    return render(request, "dialogues/staff/settings.html",
                  {"dialogue": dialogue, "form": form},
                  status=400 if form.is_bound else 200)


@never_cache
@login_required
@personal_data
def comment(request, comment_uid):
    _dialogues_or_404(request.user)
    item = (selectors.staff_comments(request.user).prefetch_related("flags")
            .filter(uid=comment_uid).first())
    if item is None:
        raise Http404
    form = ModerationForm(request.POST or None,
                          initial={"public_reason": item.public_reason,
                                   "note": item.moderator_note})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            moderate(comment=item, action=data["action"], public_reason=data["public_reason"],
                     note=data["note"], base_url=request.build_absolute_uri("/"))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The comment is saved."))
            return redirect("dialogues_staff:comment", comment_uid=item.uid)
    return render(request, "dialogues/staff/comment.html",
                  {"comment": item, "form": form, "block_form": BlockForm()},
                  status=400 if form.is_bound else 200)


@never_cache
@login_required
@personal_data
@require_POST
def block(request, comment_uid):
    _dialogues_or_404(request.user)
    item = selectors.staff_comments(request.user).filter(uid=comment_uid).first()
    if item is None:
        raise Http404
    block_form = BlockForm(request.POST)
    if block_form.is_valid():
        try:
            block_author(comment=item, reason=block_form.cleaned_data["reason"], by=request.user)
        except ValidationError as exc:
            block_form.add_error(None, exc)
        else:
            messages.success(request, _("The participant is blocked."))
            return redirect("dialogues_staff:comment", comment_uid=item.uid)
    return render(request, "dialogues/staff/comment.html",
                  {"comment": item, "form": ModerationForm(initial={
                      "public_reason": item.public_reason, "note": item.moderator_note}),
                   "block_form": block_form}, status=400)


@never_cache
@login_required
@personal_data
@require_POST
def unblock(request, block_id):
    from ..models import Block

    item = Block.objects.filter(pk=block_id, lifted_at__isnull=True,
                                authority__in=selectors.moderated_authorities(request.user)).first()
    if item is None:
        raise Http404
    lift_block(item)
    messages.success(request, _("The block is lifted."))
    return redirect("dialogues_staff:list")


@never_cache
@login_required
def create(request):
    """A new dialogue: admins and planners of the authority (moderators moderate only)."""
    authorities = Authority.objects.filter(
        pk__in=[a.pk for a in selectors.managed_authorities(request.user)])
    if not authorities.exists():
        raise Http404
    form = NewDialogueForm(request.POST or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        dialogue = create_dialogue(**form.cleaned_data)
        messages.success(request, _("The dialogue is created."))
        return redirect("dialogues:detail", authority_slug=dialogue.authority.slug,
                        dialogue_uid=dialogue.uid)
    return render(request, "dialogues/staff/create.html", {"form": form},
                  status=400 if form.is_bound else 200)


@never_cache
@login_required
@personal_data
def export_csv(request, dialogue_uid):
    from ..export import comments_csv

    dialogue = _dialogues_or_404(request.user).filter(uid=dialogue_uid).first()
    if dialogue is None:
        raise Http404
    response = HttpResponse(comments_csv(dialogue), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dialog-{dialogue.uid}.csv"'
    return response


@never_cache
@login_required
@personal_data
def export_xlsx(request, dialogue_uid):
    from ..export import XLSX_CONTENT_TYPE, comments_xlsx

    dialogue = _dialogues_or_404(request.user).filter(uid=dialogue_uid).first()
    if dialogue is None:
        raise Http404
    response = HttpResponse(comments_xlsx(dialogue), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="dialog-{dialogue.uid}.xlsx"'
    return response


@never_cache
@login_required
@personal_data
def export_gpkg(request, dialogue_uid):
    import tempfile
    from pathlib import Path

    from ..export import GPKG_CONTENT_TYPE, write_gpkg

    dialogue = _dialogues_or_404(request.user).filter(uid=dialogue_uid).first()
    if dialogue is None:
        raise Http404
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "dialog.gpkg"
        write_gpkg(dialogue, path)
        content = path.read_bytes()
    response = HttpResponse(content, content_type=GPKG_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="dialog-{dialogue.uid}.gpkg"'
    return response
