from django.urls import path

from accounts.views import addresses, auth, company, documents, privacy, users

urlpatterns = [
    path("connexion/", auth.LoginView.as_view(), name="login"),
    path("deconnexion/", auth.LogoutView.as_view(), name="logout"),
    path("inscription/", auth.signup, name="signup"),
    path("inscription/envoyee/", auth.signup_done, name="signup_done"),
    path("compte/verifier/<uidb64>/<token>/", auth.verify_email, name="verify_email"),
    path("compte/verification/", auth.email_verification_required, name="email_unverified"),
    path("mot-de-passe/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe/envoye/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/modifie/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("confidentialite/", privacy.privacy_notice, name="privacy"),
    path("mes-donnees/", privacy.personal_data_download, name="personal_data"),
    path("invitation/<str:token>/", users.invitation_accept, name="invitation_accept"),
    path("mon-entreprise/", company.company_detail, name="company"),
    path("mon-entreprise/langue/", company.company_language, name="company_language"),
    path("mon-entreprise/adresses/", addresses.delivery_addresses, name="delivery_addresses"),
    path(
        "mon-entreprise/adresses/<int:pk>/",
        addresses.delivery_addresses,
        name="delivery_address_edit",
    ),
    path("mon-entreprise/pieces/", documents.kyc_documents, name="kyc_documents"),
    path("mon-entreprise/pieces/soumettre/", documents.kyc_submit, name="kyc_submit"),
    path("mon-entreprise/pieces/<int:pk>/", documents.kyc_document_download, name="kyc_document"),
    path("mon-entreprise/utilisateurs/", users.company_users, name="company_users"),
    path("mon-entreprise/utilisateurs/<int:pk>/", users.membership_edit, name="membership_edit"),
    path(
        "mon-entreprise/invitations/<int:pk>/annuler/",
        users.invitation_revoke,
        name="invitation_revoke",
    ),
]
