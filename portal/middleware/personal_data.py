"""Cache-Control: private, no-store on every response with personal data (portal/personal_data.py)."""

from ..personal_data import forbid_storing, is_personal


class PersonalDataNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request, response):
            forbid_storing(response)
        return response
