"""A minimal local OpenID Connect provider for the tests (no internet): discovery document,
token endpoint (code -> tokens, the code and PKCE verifier checked), userinfo. It runs in a
thread on 127.0.0.1 and signs ID tokens with HS256 (the portal fetches them directly over
the back channel, where OpenID Connect Core allows it to skip the signature check)."""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt

CLIENT_ID = "beteiligungsportal"
CLIENT_SECRET = "local-test-secret-of-the-test-provider-only"


class LocalProvider:
    def __init__(self, *, subject="4711", email="max.muster@example.org"):
        self.claims = {"sub": subject, "email": email, "email_verified": True,
                       "given_name": "Max", "family_name": "Muster"}
        self.codes: dict[str, dict] = {}  # code -> {"challenge": ..., "redirect_uri": ...}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def authorize(self, query: dict) -> str:
        """What the browser does at the provider: the user consents; the code for the
        callback."""
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"challenge": query.get("code_challenge"),
                            "redirect_uri": query["redirect_uri"]}
        return code

    def _token(self, form: dict) -> tuple[int, dict]:
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        if grant["challenge"]:
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["challenge"]:
                return 400, {"error": "invalid_grant"}
        now = int(time.time())
        id_token = jwt.encode({"iss": self.url, "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                               **self.claims}, CLIENT_SECRET, algorithm="HS256")
        return 200, {"access_token": "at-" + secrets.token_urlsafe(8), "token_type": "Bearer",
                     "expires_in": 300, "id_token": id_token}

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path = urlparse(self.path).path
                if path == "/.well-known/openid-configuration":
                    self._json(200, {
                        "issuer": provider.url,
                        "authorization_endpoint": provider.url + "/authorize",
                        "token_endpoint": provider.url + "/token",
                        "userinfo_endpoint": provider.url + "/userinfo",
                        "jwks_uri": provider.url + "/jwks",
                        "token_endpoint_auth_methods_supported": ["client_secret_post"],
                    })
                elif path == "/userinfo":
                    self._json(200, provider.claims)
                elif path == "/jwks":
                    self._json(200, {"keys": []})
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlparse(self.path).path == "/token":
                    self._json(*provider._token(form))
                else:
                    self._json(404, {"error": "not_found"})

        return Handler
