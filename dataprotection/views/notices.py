"""Privacy notices: the staff page per procedure (or module) that generates, edits and
publishes versions, the checklist before a procedure opens, and the public notice pages."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from portal.models import Authority, Procedure

from .. import checklist as checklists
from .. import collection
from ..models import LegalBasis
from ..notice import (
    MAX_TEXT,
    MODULE_NOTICES,
    Scope,
    current,
    generate_both,
    proposed_legal_basis,
    publish,
)
from ..permissions import staffed_authority, staffed_procedure


class NoticeForm(forms.Form):
    legal_basis = forms.ChoiceField(label=gettext_lazy("Legal basis"),
                                    choices=LegalBasis.choices)
    text_de = forms.CharField(label=gettext_lazy("Text (German)"), max_length=MAX_TEXT,
                              widget=forms.Textarea(attrs={"rows": 18, "lang": "de"}))
    text_en = forms.CharField(label=gettext_lazy("Text (English)"), max_length=MAX_TEXT,
                              widget=forms.Textarea(attrs={"rows": 18, "lang": "en"}))


def _notice_page(request, scope: Scope, back_url: str):
    version = current(scope)
    regenerate = request.method == "POST" and request.POST.get("action") == "generate"
    if request.method == "POST" and not regenerate:
        form = NoticeForm(request.POST)
        if form.is_valid():
            try:
                published = publish(scope, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, _("Version %(number)s of the privacy notice is "
                                            "published.") % {"number": published.number})
                return redirect(request.path)
    else:
        basis = request.POST.get("legal_basis") if regenerate else None
        if basis not in LegalBasis.values:
            basis = version.legal_basis if version else proposed_legal_basis(scope)
        if version is not None and not regenerate:
            initial = {"legal_basis": version.legal_basis, "text_de": version.text_de,
                       "text_en": version.text_en}
        else:
            text_de, text_en = generate_both(scope, basis)
            initial = {"legal_basis": basis, "text_de": text_de, "text_en": text_en}
        form = NoticeForm(initial=initial)
    return render(request, "dataprotection/notice_edit.html", {
        "scope": scope, "form": form, "version": version, "back_url": back_url,
        "versions": scope.versions().select_related("published_by"),
        "described": scope.describe() is not None,
    }, status=400 if form.is_bound and form.errors else 200)


@login_required
def procedure_notice(request, procedure_pk):
    procedure = staffed_procedure(request.user, procedure_pk)
    return _notice_page(request, Scope.of_procedure(procedure),
                        back_url=_checklist_url(procedure))


@login_required
def module_notice(request, authority_pk, module):
    authority = staffed_authority(request.user, authority_pk)
    if not _has_module_notice(authority, module):
        raise Http404
    return _notice_page(request, Scope.of_module(authority, module), back_url="")


def _has_module_notice(authority, module: str) -> bool:
    return (module in MODULE_NOTICES and module in collection.described_modules()
            and authority.has_module(module))


def _checklist_url(procedure) -> str:
    from django.urls import reverse

    return reverse("dataprotection:checklist", kwargs={"procedure_pk": procedure.pk})


@login_required
def procedure_checklist(request, procedure_pk):
    procedure = staffed_procedure(request.user, procedure_pk)
    status = 200
    if request.method == "POST":
        item = request.POST.get("item", "")
        try:
            if request.POST.get("action") == "untick":
                checklists.untick(procedure, item=item)
            else:
                checklists.tick(procedure, item=item, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
        else:
            return redirect(request.path)
    return render(request, "dataprotection/checklist.html", {
        "procedure": procedure, "checklist": checklists.build(procedure),
    }, status=status)


def _public_version(scope: Scope, number: int | None):
    versions = scope.versions()
    found = (versions.filter(number=number) if number is not None
             else versions.order_by("-number")).first()
    if found is None:
        raise Http404
    return found


def _public_page(request, scope: Scope, number):
    version = _public_version(scope, number)
    language = "en" if (get_language() or "").startswith("en") else "de"
    return render(request, "dataprotection/notice_public.html", {
        "scope": scope, "authority": scope.authority, "version": version,
        "text": version.text_for(language), "language": language,
        "is_current": version.pk == current(scope).pk,
    })


def public_procedure_notice(request, authority_slug, procedure_pk, number=None):
    authority = get_object_or_404(Authority, slug=authority_slug, is_active=True)
    procedure = get_object_or_404(Procedure, authority=authority, pk=procedure_pk)
    return _public_page(request, Scope.of_procedure(procedure), number)


def public_module_notice(request, authority_slug, module, number=None):
    authority = get_object_or_404(Authority, slug=authority_slug, is_active=True)
    if not _has_module_notice(authority, module):
        raise Http404
    return _public_page(request, Scope.of_module(authority, module), number)
