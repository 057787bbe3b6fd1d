"""Bearer tokens against an identity provider's JWKS, with keys made in the test: the
issuer, audience, algorithm and key pinning, rotation, clock skew, expiry, the claim
mapping and the verified-token cache."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import pytest

from bangkom.platform.auth import Role
from bangkom.platform.auth.jwks import KeysUnavailable, RemoteKeySet, StaticKeySet
from bangkom.platform.auth.tokens import InsufficientRole, InvalidToken, TokenVerifier
from bangkom.platform.settings import ServiceSettings
from tests import factories
from tests.unit.platform.fake_idp import (
    AUDIENCE,
    ISSUER,
    JWKS_URL,
    FakeIdentityProvider,
    SigningKey,
    ec_key,
    hs256_with,
    rsa_key,
    unsigned,
)


def _verifier(
    idp: FakeIdentityProvider,
    *,
    discovery: bool = False,
    clock: Any = time.time,
    refetch_interval_s: float = 10.0,
    max_age_s: float = 300.0,
    **settings: Any,
) -> TokenVerifier:
    keys = RemoteKeySet(
        jwks_url=None if discovery else JWKS_URL,
        issuer=ISSUER if discovery else None,
        max_age_s=max_age_s,
        refetch_interval_s=refetch_interval_s,
        transport=idp.transport(),
    )
    configured = ServiceSettings(auth_issuer=ISSUER, auth_audience=AUDIENCE, **settings)
    return TokenVerifier(configured, keys=keys, clock=clock)


@pytest.fixture
def idp() -> FakeIdentityProvider:
    return FakeIdentityProvider.with_rsa()


async def test_a_providers_token_verifies_into_its_caller(idp: FakeIdentityProvider) -> None:
    token = idp.token(agency=["12.73.DINKES", "12.73.DISDIK"])

    caller = await _verifier(idp).verify(token)

    assert caller.roles == {Role.AGENCY_OPERATOR}  # offline_access is no role of ours
    assert caller.agency_scope() == {"12.73.DINKES", "12.73.DISDIK"}
    assert idp.jwks_fetches == 1


async def test_the_jwks_url_comes_from_the_issuers_discovery_document(
    idp: FakeIdentityProvider,
) -> None:
    verifier = _verifier(idp, discovery=True)

    await verifier.verify(idp.token())

    assert (idp.discovery_fetches, idp.jwks_fetches) == (1, 1)


async def test_a_discovery_document_naming_another_issuer_is_not_trusted(
    idp: FakeIdentityProvider,
) -> None:
    idp.issuer = "https://sso.test/realms/other"
    verifier = _verifier(idp, discovery=True)

    with pytest.raises(KeysUnavailable, match="names issuer"):
        await verifier.verify(idp.token(iss=ISSUER))


@dataclass(frozen=True)
class FromNow:
    """A time claim this many seconds from when the test runs (not when it is collected)."""

    seconds: int


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"iss": "https://sso.test/realms/other"}, "issued by 'https://sso.test/realms/other'"),
        ({"aud": "other-api"}, "for 'other-api', not for 'bangkom'"),
        ({"aud": None}, "no 'aud' claim"),
        ({"exp": FromNow(-31)}, "expired at"),
        ({"iat": FromNow(60)}, "not valid yet"),
        ({"nbf": FromNow(60)}, "not valid yet"),
        ({"typ": "ID"}, "not an access token"),
        ({"sub": None}, "no 'sub' claim"),
        ({"realm_access": {"roles": ["employee"]}}, "must carry the employee's 'nip'"),
        ({"nip": "1985"}, "not an 18-digit NIP"),
        ({"agency": {"code": "12.73"}}, "neither a string nor a list"),
    ],
)
async def test_a_token_that_fails_a_check_is_refused_saying_which(
    idp: FakeIdentityProvider, claims: dict[str, Any], reason: str
) -> None:
    now = int(time.time())
    at_run = {k: now + v.seconds if isinstance(v, FromNow) else v for k, v in claims.items()}

    with pytest.raises(InvalidToken, match=reason.replace("(", r"\(")):
        await _verifier(idp).verify(idp.token(**at_run))


async def test_a_foreign_issuer_costs_no_key_fetch(idp: FakeIdentityProvider) -> None:
    with pytest.raises(InvalidToken, match="issued by"):
        await _verifier(idp).verify(idp.token(iss="https://evil.test"))

    assert idp.jwks_fetches == 0


async def test_clock_skew_within_the_leeway_is_tolerated(idp: FakeIdentityProvider) -> None:
    now = int(time.time())
    verifier = _verifier(idp, auth_leeway_s=30)

    await verifier.verify(idp.token(exp=now - 20))
    await verifier.verify(idp.token(iat=now + 20, nbf=now + 20))
    with pytest.raises(InvalidToken, match="expired"):
        await _verifier(idp, auth_leeway_s=0).verify(idp.token(exp=now - 2))


async def test_alg_none_is_refused(idp: FakeIdentityProvider) -> None:
    forged = unsigned({"alg": "none", "typ": "JWT", "kid": idp.signing.kid}, idp.claims())

    with pytest.raises(InvalidToken, match="signed with 'none' are not accepted"):
        await _verifier(idp).verify(forged)


async def test_hs256_signed_with_the_providers_public_key_is_refused(
    idp: FakeIdentityProvider,
) -> None:
    header = {"typ": "JWT", "kid": idp.signing.kid}
    forged = hs256_with(idp.signing.public_pem(), header, idp.claims())

    with pytest.raises(InvalidToken, match="signed with 'HS256' are not accepted"):
        await _verifier(idp).verify(forged)


async def test_an_hmac_key_in_the_jwks_is_never_a_verification_key(
    idp: FakeIdentityProvider,
) -> None:
    idp.extra_jwks = [{"kty": "oct", "kid": "shared", "k": "c2VjcmV0", "alg": "HS256"}]
    forged = hs256_with(b"secret", {"typ": "JWT", "kid": "shared"}, idp.claims())

    with pytest.raises(InvalidToken, match="not accepted"):
        await _verifier(idp).verify(forged)


async def test_an_encryption_key_is_not_a_signing_key(idp: FakeIdentityProvider) -> None:
    enc = SigningKey("enc-1", "RS256", rsa_key(1))
    idp.extra_jwks = [{**enc.jwk(), "use": "enc", "alg": "RSA-OAEP"}]

    with pytest.raises(InvalidToken, match="does not sign with a key 'enc-1'"):
        await _verifier(idp).verify(idp.token(enc))


async def test_a_key_signs_only_with_the_algorithm_the_jwks_pins_it_to(
    idp: FakeIdentityProvider,
) -> None:
    as_pss = SigningKey(idp.signing.kid, "PS256", idp.signing.private)

    with pytest.raises(InvalidToken, match="signs with RS256, not PS256"):
        await _verifier(idp).verify(idp.token(as_pss))


async def test_an_elliptic_curve_key_verifies_es256(idp: FakeIdentityProvider) -> None:
    idp.keys.append(ec_key())

    caller = await _verifier(idp).verify(idp.token(idp.keys[-1]))

    assert caller.roles == {Role.AGENCY_OPERATOR}


async def test_a_token_signed_by_a_stranger_with_a_known_kid_is_refused(
    idp: FakeIdentityProvider,
) -> None:
    stranger = SigningKey(idp.signing.kid, "RS256", rsa_key(2))

    with pytest.raises(InvalidToken, match="signature does not verify"):
        await _verifier(idp).verify(idp.token(stranger))


async def test_a_rotated_key_is_fetched_once_when_a_token_names_it(
    idp: FakeIdentityProvider,
) -> None:
    verifier = _verifier(idp, refetch_interval_s=0)
    old_token = idp.token()
    await verifier.verify(old_token)

    idp.rotate(SigningKey("rsa-new", "RS256", rsa_key(1)), withdraw_old=True)
    caller = await verifier.verify(idp.token())

    assert caller.roles == {Role.AGENCY_OPERATOR}
    assert idp.jwks_fetches == 2
    # the old key is withdrawn: its token, verified a moment ago, is refused now
    with pytest.raises(InvalidToken, match="does not sign with a key 'rsa-0'"):
        await verifier.verify(old_token)


async def test_unknown_key_ids_refetch_at_most_once_per_interval(
    idp: FakeIdentityProvider,
) -> None:
    verifier = _verifier(idp, refetch_interval_s=0.5)
    await verifier.verify(idp.token())
    made_up = [idp.token(SigningKey(f"made-up-{i}", "RS256", rsa_key(0))) for i in range(5)]

    for token in made_up:  # right after the first fetch: none
        with pytest.raises(InvalidToken, match="does not sign with a key"):
            await verifier.verify(token)
    assert idp.jwks_fetches == 1
    await asyncio.sleep(0.6)
    for token in made_up:  # the interval is over: one
        with pytest.raises(InvalidToken, match="does not sign with a key"):
            await verifier.verify(token)
    assert idp.jwks_fetches == 2


async def test_concurrent_first_requests_fetch_the_keys_once(idp: FakeIdentityProvider) -> None:
    verifier = _verifier(idp)

    await asyncio.gather(*(verifier.verify(idp.token()) for _ in range(20)))

    assert idp.jwks_fetches == 1


async def test_a_provider_that_cannot_be_reached_is_not_a_refused_token(
    idp: FakeIdentityProvider,
) -> None:
    idp.down = True

    with pytest.raises(KeysUnavailable):
        await _verifier(idp).verify(idp.token())


async def test_keys_past_their_age_are_kept_while_the_provider_is_down(
    idp: FakeIdentityProvider,
) -> None:
    verifier = _verifier(idp, max_age_s=0.01)
    await verifier.verify(idp.token())
    idp.down = True
    await asyncio.sleep(0.02)

    caller = await verifier.verify(idp.token())

    assert caller.roles == {Role.AGENCY_OPERATOR}
    assert idp.jwks_fetches == 1


@pytest.mark.parametrize(
    ("claims", "roles"),
    [
        ({"realm_access": {"roles": ["province_admin"]}}, {Role.PROVINCE_ADMIN}),
        (
            {"realm_access": None, "resource_access": {"bangkom": {"roles": ["service"]}}},
            {Role.SERVICE},
        ),
        (
            {
                "realm_access": {"roles": ["employee"]},
                "resource_access": {"bangkom": {"roles": ["agency_operator"]}},
                "nip": "198503152010012003",
            },
            {Role.EMPLOYEE, Role.AGENCY_OPERATOR},
        ),
        # another client's roles are that client's business
        (
            {
                "realm_access": {"roles": ["employee"]},
                "resource_access": {"other-app": {"roles": ["province_admin"]}},
                "nip": "198503152010012003",
            },
            {Role.EMPLOYEE},
        ),
    ],
)
async def test_roles_come_from_the_realm_and_from_our_client(
    idp: FakeIdentityProvider, claims: dict[str, Any], roles: set[Role]
) -> None:
    caller = await _verifier(idp).verify(idp.token(**claims))

    assert caller.roles == roles


async def test_one_agency_as_a_string_and_the_employees_nip_are_mapped(
    idp: FakeIdentityProvider,
) -> None:
    nip = factories.nip()
    token = idp.token(
        realm_access={"roles": ["employee", "agency_operator"]}, agency="12.73.BKPSDM", nip=nip
    )

    caller = await _verifier(idp).verify(token)

    assert (caller.agencies, caller.nip) == ({"12.73.BKPSDM"}, nip)
    assert caller.may_read_employee(nip, "12.99.ELSEWHERE")


async def test_a_token_without_any_of_our_roles_is_insufficient_not_invalid(
    idp: FakeIdentityProvider,
) -> None:
    with pytest.raises(InsufficientRole, match="none of the roles"):
        await _verifier(idp).verify(idp.token(realm_access={"roles": ["offline_access"]}))


class CountingKeys:
    """A static key set that counts how often a token needed a key."""

    def __init__(self, key: SigningKey) -> None:
        self._inner = StaticKeySet(key.public_pem())
        self.lookups = 0
        self.generation = 0

    async def key_for(self, kid: str | None, algorithm: str) -> Any:
        self.lookups += 1
        return await self._inner.key_for(None, algorithm)


async def test_a_verified_token_is_kept_for_the_cache_time_and_never_past_its_expiry(
    idp: FakeIdentityProvider,
) -> None:
    now = [time.time()]
    keys = CountingKeys(idp.signing)
    settings = ServiceSettings(auth_issuer=ISSUER, auth_token_cache_s=5)
    verifier = TokenVerifier(settings, keys=keys, clock=lambda: now[0])
    long_lived, short_lived = idp.token(), idp.token(exp=int(now[0]) + 2)

    await verifier.verify(long_lived)
    now[0] += 4
    await verifier.verify(long_lived)
    assert keys.lookups == 1
    now[0] += 2
    await verifier.verify(long_lived)
    assert keys.lookups == 2

    await verifier.verify(short_lived)
    now[0] += 3  # the cache time is left, the token's lifetime is not
    await verifier.verify(short_lived)
    assert keys.lookups == 4


async def test_a_cache_time_of_zero_verifies_every_time(idp: FakeIdentityProvider) -> None:
    keys = CountingKeys(idp.signing)
    settings = ServiceSettings(auth_issuer=ISSUER, auth_token_cache_s=0)
    verifier = TokenVerifier(settings, keys=keys)
    token = idp.token()

    await verifier.verify(token)
    await verifier.verify(token)

    assert keys.lookups == 2
