from django.contrib import admin

from claims.admin_verification import QuoteNotFoundAdmin
from claims.models import QuoteNotFound

admin.site.register(QuoteNotFound, QuoteNotFoundAdmin)
