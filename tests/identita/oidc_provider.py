"""A small but real OpenID Connect provider for the tests, standing in for the Comune's SPID/CIE proxy.

Discovery, JWKS, authorize (code flow with PKCE S256), token (client_secret_post/basic) and userinfo endpoints,
ID tokens signed RS256 with joserfc, served by a thread on a free localhost port. The test decides who "signs in
at the identity provider" (``op.identity``) and at which ``acr``; ``op.forge`` signs with a key that is not in the
JWKS, ``op.expire`` issues ID tokens that expired an hour ago.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

SPID_L2 = "https://www.spid.gov.it/SpidL2"


class Provider:
    def __init__(self, *, clients=None, port=0):
        # One client per allauth app: allauth tells its apps apart by client id.
        self.clients = clients or {"portale-spid": "segreto-spid", "portale-cie": "segreto-cie"}
        self.key = RSAKey.generate_key(2048, parameters={"kid": "proxy-1", "use": "sig", "alg": "RS256"})
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": "proxy-1", "use": "sig", "alg": "RS256"})
        self.identity: dict = {}
        self.acr = SPID_L2
        self.forge = False
        self.expire = False
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.authorize_requests: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    # --- the person who signs in at the identity provider ---
    def sign_in_as(self, *, codice_fiscale, nome="Marco", cognome="Zanon", email=None, acr=SPID_L2, sub=None):
        self.identity = {
            "sub": sub or hashlib.sha256(codice_fiscale.encode()).hexdigest()[:32],
            "fiscalNumber": f"TINIT-{codice_fiscale}",
            "given_name": nome,
            "family_name": cognome,
        }
        if email:
            self.identity["email"] = email
        self.acr = acr

    # --- endpoints ---
    def discovery(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "acr_values_supported": [f"https://www.spid.gov.it/SpidL{n}" for n in (1, 2, 3)],
        }

    def jwks(self):
        return KeySet([self.key]).as_dict(private=False)

    def authorize(self, query):
        self.authorize_requests.append(query)
        if query.get("client_id") not in self.clients or query.get("response_type") != "code":
            return 400, {"error": "invalid_request"}, None
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "client_id": query["client_id"],
            "redirect_uri": query["redirect_uri"],
            "nonce": query.get("nonce"),
            "challenge": query.get("code_challenge"),
            "identity": dict(self.identity),
            "acr": self.acr,
        }
        params = {"code": code}
        if "state" in query:
            params["state"] = query["state"]
        return 302, None, f"{query['redirect_uri']}?{urlencode(params)}"

    def token(self, form, authorization):
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if authorization.startswith("Basic "):
            client_id, secret = base64.b64decode(authorization[6:]).decode().split(":", 1)
        if self.clients.get(client_id) != secret:
            return 401, {"error": "invalid_client"}
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or (grant["redirect_uri"], grant["client_id"]) != (form.get("redirect_uri"), client_id):
            return 400, {"error": "invalid_grant"}
        if grant["challenge"]:
            verifier = form.get("code_verifier", "").encode()
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
            if digest != grant["challenge"]:
                return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        now = int(time.time()) - (7200 if self.expire else 0)
        claims = {
            "iss": self.issuer,
            "sub": grant["identity"]["sub"],
            "aud": grant["client_id"],
            "iat": now,
            "exp": now + 600,
            "jti": secrets.token_hex(8),
            "acr": grant["acr"],
        }
        if grant["nonce"]:
            claims["nonce"] = grant["nonce"]
        key = self.other_key if self.forge else self.key
        id_token = jwt.encode({"alg": "RS256", "kid": "proxy-1"}, claims, key)
        access_token = secrets.token_urlsafe(24)
        self.tokens[access_token] = grant["identity"]
        return 200, {"access_token": access_token, "token_type": "Bearer", "expires_in": 600, "id_token": id_token}

    def userinfo(self, authorization):
        identity = self.tokens.get(authorization.removeprefix("Bearer "))
        if identity is None:
            return 401, {"error": "invalid_token"}
        return 200, identity


def _handler(op: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _json(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                return self._json(200, op.discovery())
            if url.path == "/jwks":
                return self._json(200, op.jwks())
            if url.path == "/userinfo":
                return self._json(*op.userinfo(self.headers.get("Authorization", "")))
            if url.path == "/authorize":
                status, body, location = op.authorize(query)
                if location is None:
                    return self._json(status, body)
                self.send_response(302)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self._json(404, {"error": "not_found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlparse(self.path).path == "/token":
                return self._json(*op.token(form, self.headers.get("Authorization", "")))
            return self._json(404, {"error": "not_found"})

    return Handler


if __name__ == "__main__":
    # For trying the buttons by hand (README): python -m tests.identita.oidc_provider 8081 [CODICE_FISCALE]
    import sys

    op = Provider(port=int(sys.argv[1]) if len(sys.argv) > 1 else 8081)
    if len(sys.argv) > 2:  # e.g. the demo referente's, to try "Collega SPID"
        op.sign_in_as(codice_fiscale=sys.argv[2].upper(), nome="Marco", cognome="Zanon")
    else:
        op.sign_in_as(codice_fiscale="BSTTMS85C12L736M", nome="Tommaso", cognome="Busetto", email="tommaso@example.it")
    print(f"OpenID Connect provider on {op.issuer}: every sign-in is {op.identity['fiscalNumber']}, SPID L2")
    sys.stdout.flush()
    op.server.serve_forever()
