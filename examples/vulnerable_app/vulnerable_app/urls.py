from django.contrib import admin
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts import views as accounts
from api import views as api
from billing import views as billing
from shop import views as shop

router = DefaultRouter()
router.register("projects", api.ProjectViewSet, basename="project")
router.register("my-projects", api.OwnProjectViewSet, basename="my-project")

accounts_patterns = ([
    path("profile/", accounts.profile, name="profile"),
    path("profile/edit/", accounts.update_profile, name="update-profile"),
    path("profile/password/", accounts.set_legacy_password, name="legacy-password"),
    path("profile/preferences/", accounts.import_preferences, name="preferences"),
    path("avatars/<path:filename>/delete/", accounts.delete_avatar, name="delete-avatar"),
    path("directory/", accounts.directory_search, name="directory"),
    path("back/", accounts.back, name="back"),
    path("back/checked/", accounts.back_checked, name="back-checked"),
    path("people/<slug:username>/", accounts.public_profile, name="public-profile"),
], "accounts")

urlpatterns = [
    path("", shop.home, name="home"),
    path("search/", shop.search, name="search"),
    path("products/", shop.product_list, name="products"),
    path("orders/", shop.order_filter, name="orders"),
    path("orders/<int:pk>/", shop.order_detail, name="order"),
    path("greeting/", shop.greeting, name="greeting"),
    path("results/", shop.results_page, name="results"),
    path("continue/", shop.continue_shopping, name="continue"),
    path("thumbnail/", shop.thumbnail, name="thumbnail"),
    path("download/", shop.download, name="download"),
    path("preview/", shop.image_preview, name="preview"),
    path("preview/checked/", shop.image_preview_checked, name="preview-checked"),
    path("invoices/", billing.InvoiceList.as_view(), name="invoices"),
    path("invoices/<int:pk>/", billing.InvoiceDetail.as_view(), name="invoice"),
    path("invoices/search/", billing.InvoiceSearch.as_view(), name="invoice-search"),
    path("invoices/<int:pk>/edit/", billing.OwnInvoiceUpdate.as_view(), name="invoice-edit"),
    path("invoices/new/", billing.InvoiceCreate.as_view(), name="invoice-new"),
    path("invoices/import/", billing.InvoiceImport.as_view(), name="invoice-import"),
    path("invoices/status/", billing.invoice_status, name="invoice-status"),
    path("invoices/export/", billing.invoice_export, name="invoice-export"),
    path("invoices/my-export/", billing.my_invoice_export, name="my-invoice-export"),
    path("discount/", billing.DiscountCalculator.as_view(), name="discount"),
    path("cart/restore/", billing.CartRestore.as_view(), name="cart-restore"),
    path("reset-token/", billing.ResetToken.as_view(), name="reset-token"),
    path("payments/callback/", billing.PaymentCallback.as_view(), name="payment-callback"),
    path("payments/stripe-webhook/", billing.stripe_webhook, name="stripe-webhook"),
    path("api/", include(router.urls)),
    path("api/projects/<int:pk>/budget/", api.ProjectBudget.as_view(), name="project-budget"),
    path("api/erp/<str:sku>/", api.erp_item, name="erp-item"),
    path("api/erp/id/<int:item_id>/", api.erp_item_by_id, name="erp-item-by-id"),
    path("accounts/", include(accounts_patterns)),
    path("backstage-7c1f/", admin.site.urls),
]
