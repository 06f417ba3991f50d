"""Staff screens: users, customer companies, the KYC queue and review, commercial settings.

The KYC review works through `accounts.review_kyc` (group "Vérification KYC"); the
commercial settings through `accounts.manage_commercial_settings`. Every decision and
change goes through a service; the admin only parses and presents.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    COMPANY_IDENTITY_FIELDS,
    Company,
    CompanyCommercialSettings,
    DeliveryAddress,
    DocumentStatus,
    FinancialReview,
    KycDocument,
    KycSubmission,
    Membership,
    ReviewConclusion,
    SubmissionStatus,
    User,
)
from accounts.selectors import (
    delivery_address_events,
    kyc_document_get_for_staff,
    kyc_submission_review,
    kyc_submissions_for_company,
    payment_method_labels,
    vat_check_latest,
)
from accounts.services import (
    Address,
    CompanyIdentity,
    commercial_settings_check,
    commercial_settings_update,
    company_identity_correct,
    company_identity_correction_check,
    financial_review_record,
    kyc_application_approve,
    kyc_application_reject,
    kyc_document_approve,
    kyc_document_reject,
    vat_check_record,
)
from core.admin_read_only import ReadOnlyAdminMixin
from core.audit import audit_history_html
from core.calendar import localdate
from core.documents import document_response
from core.errors import BusinessError
from core.transitions import transition_allowed

REVIEW_PERMISSION = "accounts.review_kyc"
SETTINGS_PERMISSION = "accounts.manage_commercial_settings"


def _history_link(obj) -> str:
    """A link to the pghistory events of `obj` (every saved value, who and when)."""
    if obj is None or obj.pk is None:
        return "—"
    query = urlencode({"method": "tracks", "obj": f"{obj._meta.label}:{obj.pk}"})
    url = f"{reverse('admin:pghistory_events_changelist')}?{query}"
    return format_html('<a href="{}">{}</a>', url, _("Voir l'historique des modifications"))


# --- users ----------------------------------------------------------------------------------


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationForm
    form = UserEditForm
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_staff", "is_active")
    search_fields = ("email", "first_name", "last_name")
    readonly_fields = ("email_verified_at", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Identité"), {"fields": ("first_name", "last_name", "phone", "language")}),
        (
            _("Droits"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("email_verified_at", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )


# --- companies ------------------------------------------------------------------------------


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False


class DeliveryAddressInline(ReadOnlyInline):
    model = DeliveryAddress
    fields = ("label", "line1", "line2", "postal_code", "city", "country", "is_dom_tom")
    readonly_fields = fields


class MembershipInline(ReadOnlyInline):
    model = Membership
    fields = ("user", "role_names", "is_active", "created_at")
    readonly_fields = fields

    @admin.display(description=_("rôles"))
    def role_names(self, obj):
        return ", ".join(obj.role_labels())


class KycDocumentInline(ReadOnlyInline):
    model = KycDocument
    fields = ("kind", "status", "file", "issue_date", "expiry_date", "iban", "review_reason")
    readonly_fields = fields
    ordering = ("kind", "-uploaded_at")

    @admin.display(description=_("fichier"))
    def file(self, obj):
        url = reverse("admin:accounts_kycdocument_file", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.stored.filename)


IDENTITY_PERMISSION = "accounts.correct_identity"
BILLING_FIELDS = ("line1", "line2", "postal_code", "city", "country")


class CompanyIdentityForm(forms.ModelForm):
    """Staff's correction of a company's identity: checked by the service's own check, so
    every fault is shown beside its field and the typed values stay."""

    reason = forms.CharField(
        label=_("raison de la correction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire : elle est gardée dans l'historique (ex. : nouvel extrait Kbis)."),
    )

    class Meta:
        model = Company
        fields = COMPANY_IDENTITY_FIELDS

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            correction = company_identity_correction_check(
                company=self.instance,
                identity=CompanyIdentity(
                    **{name: data.get(name) or "" for name in CompanyIdentity.__dataclass_fields__}
                ),
                billing=Address(
                    **{name: data.get(f"billing_{name}") or "" for name in BILLING_FIELDS}
                ),
                reason=data.get("reason") or "",
            )
        except BusinessError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
            return data
        data.update(correction.values)
        return data


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("legal_name", "country", "national_identifier", "vat_number", "status")
    list_filter = ("status", "country")
    # A customer is found by a member's e-mail too (the person who calls or writes).
    search_fields = (
        "legal_name",
        "siren",
        "siret",
        "enterprise_number",
        "vat_number",
        "memberships__user__email",
    )
    inlines = [DeliveryAddressInline, MembershipInline, KycDocumentInline]
    readonly_fields = (
        "legal_name",
        "legal_form",
        "country",
        "siren",
        "siret",
        "enterprise_number",
        "vat_number",
        "registration_number",
        "vies",
        "billing_line1",
        "billing_line2",
        "billing_postal_code",
        "billing_city",
        "billing_country",
        "status",
        "approved_on",
        "last_order_on",
        "dormant_since",
        "created_at",
        "links",
        "audit",
        "address_history",
    )
    fieldsets = (
        (
            _("Identité"),
            {
                "fields": (
                    "legal_name",
                    "legal_form",
                    "country",
                    "siren",
                    "siret",
                    "enterprise_number",
                    "vat_number",
                    "vies",
                    "registration_number",
                    "language",
                )
            },
        ),
        (
            _("Adresse de facturation"),
            {
                "fields": (
                    "billing_line1",
                    "billing_line2",
                    "billing_postal_code",
                    "billing_city",
                    "billing_country",
                )
            },
        ),
        (
            _("Dossier KYC"),
            {"fields": ("status", "approved_on", "last_order_on", "dormant_since", "links")},
        ),
        (_("Historique des statuts"), {"fields": ("audit",)}),
        (_("Historique des adresses de livraison"), {"fields": ("address_history",)}),
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(IDENTITY_PERMISSION)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.has_change_permission(request, obj):
            kwargs["form"] = CompanyIdentityForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return tuple(
                name for name in self.readonly_fields if name not in COMPANY_IDENTITY_FIELDS
            )
        return self.readonly_fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = self.fieldsets
        if self.has_change_permission(request, obj):
            correction = (_("Correction"), {"fields": ("reason",)})
            fieldsets = (*fieldsets[:2], correction, *fieldsets[2:])
        return fieldsets

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        company_identity_correct(
            company=obj,
            user=request.user,
            identity=CompanyIdentity(
                **{name: data[name] for name in CompanyIdentity.__dataclass_fields__}
            ),
            billing=Address(**{name: data[f"billing_{name}"] for name in BILLING_FIELDS}),
            reason=data["reason"],
        )
        obj.refresh_from_db()

    @admin.display(description=_("modifications"))
    def address_history(self, obj):
        """Each saved version of the company's delivery addresses (pghistory), newest first:
        the portal's administrators keep them, so staff see what changed, when and who."""
        events = delivery_address_events(company=obj)
        if not events:
            return "—"
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("le"),
            _("par"),
            _("adresse"),
            _("outre-mer"),
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                (
                    (
                        timezone.localtime(event.at).strftime("%d/%m/%Y %H:%M"),
                        event.by or _("traitement automatique"),
                        event.address,
                        _("oui") if event.is_dom_tom else _("non"),
                    )
                    for event in events
                ),
            ),
        )

    @admin.display(description=_("vérification VIES"))
    def vies(self, obj):
        return render_to_string(
            "admin/accounts/includes/vat_check.html", {"check": vat_check_latest(company=obj)}
        )

    @admin.display(description=_("liens"))
    def links(self, obj):
        items = []
        submissions = list(kyc_submissions_for_company(company=obj)[:1])
        if submissions:
            items.append(
                (
                    reverse("admin:accounts_kycsubmission_change", args=[submissions[0].pk]),
                    _("Dernier envoi du dossier"),
                )
            )
        settings = CompanyCommercialSettings.objects.filter(company=obj).first()
        if settings:
            items.append(
                (
                    reverse("admin:accounts_companycommercialsettings_change", args=[settings.pk]),
                    _("Conditions commerciales"),
                )
            )
        return format_html_join(" · ", '<a href="{}">{}</a>', items) or "—"

    @admin.display(description=_("historique"))
    def audit(self, obj):
        return audit_history_html(obj)


# --- the KYC queue and review ------------------------------------------------------------------


class SubmissionStatusFilter(admin.SimpleListFilter):
    """Defaults to the queue: submissions waiting for a decision."""

    title = _("statut")
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("En attente (file)")),
            ("approved", _("Validés")),
            ("rejected", _("Refusés")),
            ("all", _("Tous")),
        ]

    def choices(self, changelist):
        value = self.value() or "waiting"
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or "waiting"
        if value == "waiting":
            return queryset.filter(status=SubmissionStatus.SUBMITTED)
        if value in ("approved", "rejected"):
            return queryset.filter(status=value)
        return queryset


@admin.register(KycSubmission)
class KycSubmissionAdmin(admin.ModelAdmin):
    """The queue of submitted applications (oldest first) and the review page of each."""

    list_display = ("company", "number", "submitted_at", "submitted_by", "status", "decided_by")
    list_filter = (SubmissionStatusFilter,)
    list_select_related = ("company", "submitted_by", "decided_by")
    search_fields = ("company__legal_name", "company__siren", "company__enterprise_number")
    ordering = ("submitted_at", "id")
    review_template = "admin/accounts/kycsubmission/review.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(REVIEW_PERMISSION) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(REVIEW_PERMISSION)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/pieces/<int:document_pk>/decision/",
                self.admin_site.admin_view(self.document_decision),
                name="accounts_kycsubmission_document_decision",
            ),
            path(
                "<int:pk>/decision/",
                self.admin_site.admin_view(self.application_decision),
                name="accounts_kycsubmission_decision",
            ),
            path(
                "<int:pk>/vies/",
                self.admin_site.admin_view(self.vies_check),
                name="accounts_kycsubmission_vies_check",
            ),
            path(
                "piece/<int:document_pk>/fichier/",
                self.admin_site.admin_view(self.document_file),
                name="accounts_kycdocument_file",
            ),
        ]
        return urls + super().get_urls()

    # The change page is the review page.
    def change_view(self, request, object_id, form_url="", extra_context=None):
        submission = self._get_submission(request, object_id)
        return self._review(request, submission)

    def _get_submission(self, request, pk) -> KycSubmission:
        if not self.has_view_permission(request):
            raise Http404
        return get_object_or_404(
            KycSubmission.objects.select_related("company", "submitted_by", "decided_by"), pk=pk
        )

    def _review(
        self,
        request,
        submission,
        *,
        status=200,
        document_pk=None,
        error="",
        reason="",
    ):
        """The review page; after a refused decision, the error and the typed reason."""
        company = submission.company
        reviews = kyc_submission_review(submission=submission, today=localdate(timezone.now()))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Vérification du dossier de %(company)s") % {"company": company},
            "submission": submission,
            "company": company,
            "rows": [
                {
                    "review": review,
                    "error": error if review.document.pk == document_pk else "",
                    "reason": reason if review.document.pk == document_pk else "",
                    # Only the decisions the piece can still take: no "accept" on an
                    # accepted piece.
                    "can_approve": transition_allowed(
                        KycDocument, review.document.status, DocumentStatus.APPROVED
                    ),
                    "can_reject": transition_allowed(
                        KycDocument, review.document.status, DocumentStatus.REJECTED
                    ),
                }
                for review in reviews
            ],
            "memberships": company.memberships.select_related("user"),
            "addresses": company.delivery_addresses.all(),
            "other_submissions": kyc_submissions_for_company(company=company).exclude(
                pk=submission.pk
            ),
            "audit": audit_history_html(company),
            "vat_check": vat_check_latest(company=company),
            "can_change": self.has_change_permission(request),
            "can_decide": self.has_change_permission(request)
            and submission.status == SubmissionStatus.SUBMITTED,
            "application_error": error if document_pk is None else "",
            "application_reason": reason if document_pk is None else "",
        }
        return TemplateResponse(request, self.review_template, context, status=status)

    def _back(self, submission):
        return HttpResponseRedirect(
            reverse("admin:accounts_kycsubmission_change", args=[submission.pk])
        )

    def document_decision(self, request, pk, document_pk):
        submission = self._get_submission(request, pk)
        if request.method != "POST" or not self.has_change_permission(request):
            raise Http404
        document = get_object_or_404(submission.documents, pk=document_pk)
        decision = request.POST.get("decision")
        reason = request.POST.get("reason", "")
        try:
            if decision == "approve":
                kyc_document_approve(document=document, user=request.user)
            elif decision == "reject":
                kyc_document_reject(document=document, user=request.user, reason=reason)
            else:
                raise Http404
        except BusinessError as error:
            return self._review(
                request,
                submission,
                status=400,
                document_pk=document.pk,
                error=error.message,
                reason=reason,
            )
        messages.success(
            request,
            _("%(document)s : décision enregistrée.") % {"document": document.get_kind_display()},
        )
        return self._back(submission)

    def application_decision(self, request, pk):
        submission = self._get_submission(request, pk)
        if request.method != "POST" or not self.has_change_permission(request):
            raise Http404
        decision = request.POST.get("decision")
        reason = request.POST.get("reason", "")
        base_url = request.build_absolute_uri("/")
        try:
            if decision == "approve":
                kyc_application_approve(submission=submission, user=request.user, base_url=base_url)
                messages.success(
                    request,
                    _("Dossier validé : %(company)s peut commander.")
                    % {"company": submission.company},
                )
            elif decision == "reject":
                kyc_application_reject(
                    submission=submission, user=request.user, reason=reason, base_url=base_url
                )
                messages.success(
                    request,
                    _("Dossier refusé : %(company)s a été prévenue par e-mail.")
                    % {"company": submission.company},
                )
            else:
                raise Http404
        except BusinessError as error:
            return self._review(
                request,
                submission,
                status=400,
                error=error.message,
                reason=reason,
            )
        return self._back(submission)

    def vies_check(self, request, pk):
        """The reviewer asks VIES again (the adapter's answer within its timeout)."""
        submission = self._get_submission(request, pk)
        if request.method != "POST" or not self.has_change_permission(request):
            raise Http404
        if submission.company.vat_number:
            check = vat_check_record(submission=submission, user=request.user)
            messages.info(
                request,
                _("Vérification VIES : %(result)s.") % {"result": check.get_result_display()},
            )
        return self._back(submission)

    def document_file(self, request, document_pk):
        document = kyc_document_get_for_staff(user=request.user, pk=document_pk)
        if document is None:
            raise Http404
        return document_response(doc=document.stored, as_attachment=True)


# --- commercial settings and financial reviews ---------------------------------------------------


SETTINGS_FIELDS = (
    "payment_methods",
    "payment_term",
    "deferred_days",
    "financial_review",
    "credit_limit",
    "delivery_suspended",
    "delivery_suspension_reason",
    "prepayment_required",
)


class CommercialSettingsForm(forms.ModelForm):
    class Meta:
        model = CompanyCommercialSettings
        fields = SETTINGS_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["financial_review"].queryset = FinancialReview.objects.filter(
                company=self.instance.company
            )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            checked = commercial_settings_check(
                company=self.instance.company, **{name: data.get(name) for name in SETTINGS_FIELDS}
            )
        except BusinessError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
            return data
        data.update(checked.__dict__)
        return data


@admin.register(CompanyCommercialSettings)
class CompanyCommercialSettingsAdmin(admin.ModelAdmin):
    """Payment methods, payment term, credit limit, suspension, prepayment (with history)."""

    form = CommercialSettingsForm
    list_display = (
        "company",
        "methods",
        "payment_term",
        "deferred_days",
        "credit_limit",
        "delivery_suspended",
        "prepayment_required",
        "updated_by",
        "updated_at",
    )
    list_filter = ("payment_term", "delivery_suspended", "prepayment_required")
    search_fields = ("company__legal_name", "company__siren", "company__enterprise_number")
    list_select_related = ("company", "updated_by")
    readonly_fields = ("company", "updated_by", "updated_at", "history", "recent_changes")
    fieldsets = (
        (None, {"fields": ("company",)}),
        (
            _("Paiement"),
            {"fields": ("payment_methods", "payment_term", "deferred_days", "financial_review")},
        ),
        (_("Encours"), {"fields": ("credit_limit", "prepayment_required")}),
        (_("Livraisons"), {"fields": ("delivery_suspended", "delivery_suspension_reason")}),
        (
            _("Historique"),
            {"fields": ("updated_by", "updated_at", "recent_changes", "history")},
        ),
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(SETTINGS_PERMISSION)

    @admin.display(description=_("moyens de paiement"))
    def methods(self, obj):
        return ", ".join(payment_method_labels(obj.payment_methods))

    @admin.display(description=_("historique complet"))
    def history(self, obj):
        return _history_link(obj)

    @admin.display(description=_("dernières modifications"))
    def recent_changes(self, obj):
        events = CompanyCommercialSettings.pgh_event_model.objects.filter(pgh_obj=obj).order_by(
            "-pgh_id"
        )[:10]
        rows = (
            (
                timezone.localtime(event.pgh_created_at).strftime("%d/%m/%Y %H:%M"),
                event.updated_by or "—",
                ", ".join(payment_method_labels(event.payment_methods)),
                event.get_payment_term_display(),
                event.deferred_days or "—",
                event.credit_limit,
                _("oui") if event.delivery_suspended else _("non"),
                _("oui") if event.prepayment_required else _("non"),
            )
            for event in events
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
            "<th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("le"),
            _("par"),
            _("moyens"),
            _("échéance"),
            _("jours"),
            _("encours"),
            _("suspendu"),
            _("avance"),
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                "<td>{}</td><td>{}</td></tr>",
                rows,
            ),
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = commercial_settings_update(
            company=obj.company,
            user=request.user,
            **{name: data.get(name) for name in SETTINGS_FIELDS},
        )
        obj.pk = saved.pk
        obj.refresh_from_db()


class FinancialReviewForm(forms.ModelForm):
    class Meta:
        model = FinancialReview
        fields = ("company", "conclusion", "max_term_days", "notes")

    def clean(self):
        data = super().clean()
        if data.get("conclusion") == ReviewConclusion.FAVOURABLE and not data.get("max_term_days"):
            self.add_error(
                "max_term_days",
                _("Une analyse favorable indique le délai de paiement maximal accordable."),
            )
        if data.get("conclusion") == ReviewConclusion.UNFAVOURABLE:
            data["max_term_days"] = None
        return data


@admin.register(FinancialReview)
class FinancialReviewAdmin(admin.ModelAdmin):
    """Recorded financial reviews: added, never changed (a database trigger forbids it)."""

    form = FinancialReviewForm
    list_display = ("company", "reviewed_at", "reviewed_by", "conclusion", "max_term_days")
    list_filter = ("conclusion",)
    search_fields = ("company__legal_name", "company__siren")
    autocomplete_fields = ("company",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return request.user.has_perm(SETTINGS_PERMISSION)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ("company", "reviewed_at", "reviewed_by", "conclusion", "max_term_days", "notes")
        return ()

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        review = financial_review_record(
            company=data["company"],
            user=request.user,
            conclusion=data["conclusion"],
            max_term_days=data.get("max_term_days"),
            notes=data["notes"],
        )
        obj.pk = review.pk
        obj.reviewed_by = review.reviewed_by
        obj.reviewed_at = review.reviewed_at
