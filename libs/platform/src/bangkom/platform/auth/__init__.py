"""OAuth2 bearer JWT: who the caller is and what they may see."""

from bangkom.platform.auth.caller import Caller, Role

__all__ = ["Caller", "Role"]
