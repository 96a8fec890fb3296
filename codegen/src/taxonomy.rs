//! The cross-vendor taxonomy and the HTTP status table, as data.
//!
//! The names are a contract: specs, the generated `errcat::Category` / `errcat::Action` enums
//! and the CLI's JSON all use them. The status table is the one place that says what an HTTP
//! status alone means: errcat's classifier falls back on it (it is emitted into the catalog)
//! and `cargo xtask regen` takes a new entry's default curation from it.

use serde::{Deserialize, Serialize};

/// Declares a taxonomy enum from one row per variant: the snake_case name (serde's too),
/// whether the same request may succeed later, and the meaning, which becomes the variant's
/// doc comment here and in the generated runtime enum.
macro_rules! terms {
    ($(#[$meta:meta])* $ty:ident, $kind:literal {
        $($variant:ident = $name:literal, $retryable:literal, $doc:literal;)*
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum $ty {
            $(#[doc = $doc] #[serde(rename = $name)] $variant,)*
        }

        impl $ty {
            /// Every value, in the taxonomy table's order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];
            /// The snake_case name used in specs, JSON and the CLI.
            pub const fn name(self) -> &'static str {
                match self { $(Self::$variant => $name,)* }
            }
            /// The Rust variant name, as the generated runtime enum spells it.
            pub const fn variant(self) -> &'static str {
                match self { $(Self::$variant => stringify!($variant),)* }
            }
            /// What the name means.
            pub const fn description(self) -> &'static str {
                match self { $(Self::$variant => $doc,)* }
            }
            /// Whether the same request, unchanged, may succeed later (actions only).
            pub const fn is_retryable(self) -> bool {
                match self { $(Self::$variant => $retryable,)* }
            }
            /// What the spec field holding these names is called, for messages.
            pub const KIND: &'static str = $kind;
            /// Every value's name, variant, meaning and retryability, for the emitter.
            pub(crate) fn rows() -> impl Iterator<Item = TermRow> {
                Self::ALL.iter().map(|t| TermRow {
                    name: t.name(),
                    variant: t.variant(),
                    doc: t.description(),
                    retryable: t.is_retryable(),
                })
            }
            /// The names, for "expected one of" messages.
            pub fn names() -> String {
                Self::ALL.iter().map(|t| t.name()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            /// Parses a name, or says which names there are.
            fn from_str(s: &str) -> Result<Self, String> {
                Self::ALL.iter().copied().find(|t| t.name() == s).ok_or_else(|| {
                    format!("unknown {} `{s}`; expected one of {}", $kind, Self::names())
                })
            }
        }
    };
}

/// One value of a taxonomy enum, as the emitter writes the runtime's copy of it.
pub(crate) struct TermRow {
    pub(crate) name: &'static str,
    pub(crate) variant: &'static str,
    pub(crate) doc: &'static str,
    pub(crate) retryable: bool,
}

terms! {
    /// `category`: what went wrong.
    Category, "category" {
        InvalidRequest = "invalid_request", false, "The request is malformed: parameters, headers, body, query, validation.";
        Authentication = "authentication", false, "Who is calling is not established: token or credentials missing, invalid or expired; 2FA / SSO required.";
        Authorization = "authorization", false, "The caller is known but not allowed: permissions, scopes, roles, consent, subscription.";
        NotFound = "not_found", false, "The referenced resource does not exist.";
        Conflict = "conflict", false, "It already exists, a uniqueness constraint, or a stale timestamp.";
        RateLimited = "rate_limited", false, "Short-term throttling.";
        QuotaExceeded = "quota_exceeded", false, "A daily or longer quota is spent.";
        Configuration = "configuration", false, "The client application is set up wrong or not approved on the vendor's side.";
        ServerError = "server_error", false, "The vendor failed internally.";
        Unavailable = "unavailable", false, "The vendor or something behind it is temporarily down, in maintenance, or timed out.";
        Network = "network", false, "No response arrived (socket error, timeout).";
    }
}

terms! {
    /// `action`: what the caller should do next.
    Action, "action" {
        RetryWithBackoff = "retry_with_backoff", true, "Send the same request again, with exponential backoff.";
        WaitForQuotaReset = "wait_for_quota_reset", true, "Send it again only after the quota window resets.";
        RefreshAccessToken = "refresh_access_token", false, "Get a new access token (refresh grant, client credentials, or a new bearer token), then resend.";
        Reauthenticate = "reauthenticate", false, "The user or client must go through login / the authorization flow again (refresh token or authorization code gone, 2FA or SSO needed, wrong password).";
        FixRequest = "fix_request", false, "Change the request; sending it unchanged will fail again.";
        FixClientConfiguration = "fix_client_configuration", false, "Fix the client's id, secret, certificate, redirect URI or grant types.";
        RequestAccess = "request_access", false, "An administrator must grant a permission, scope, role, consent or subscription.";
        HandleInApplication = "handle_in_application", false, "A definitive answer (not found, already exists) that the application's own logic must handle.";
        ContactVendor = "contact_vendor", false, "Only the vendor can fix it; quote the trace id.";
    }
}

/// What an HTTP status alone says: its reason phrase, and the category and action of an
/// error known by nothing else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusRule {
    /// The first status the row covers.
    pub from: u16,
    /// The last status the row covers (equal to `from` for a single status).
    pub to: u16,
    /// The reason phrase (RFC 9110), or what a range of statuses is.
    pub reason: &'static str,
    /// What went wrong.
    pub category: Category,
    /// What to do.
    pub action: Action,
}

const fn one(status: u16, reason: &'static str, category: Category, action: Action) -> StatusRule {
    StatusRule {
        from: status,
        to: status,
        reason,
        category,
        action,
    }
}

use Action as A;
use Category as C;

/// The status table, most specific rows first: the first row covering a status decides.
///
/// Three statuses the vendors' documents never list are decided here once, for both the
/// classifier and the transcribers:
/// - 408 Request Timeout is `unavailable` / `retry_with_backoff`: the server gave up waiting
///   for the request, and RFC 9110 lets the client repeat it unchanged.
/// - 410 Gone is `not_found` / `handle_in_application`: the resource is gone for good, a
///   definitive answer like 404, not a request to fix.
/// - 412 Precondition Failed is `invalid_request` / `fix_request`: the only 412s the vendors
///   are known to send are ADP gateways rejecting a missing or invalid required header
///   (`ORGOID`, `associateOID`, `roleCode`), and none of the five APIs documents conditional
///   requests, where 412 would mean a stale `If-Match`.
pub const STATUS_RULES: &[StatusRule] = &[
    one(400, "Bad Request", C::InvalidRequest, A::FixRequest),
    one(
        401,
        "Unauthorized",
        C::Authentication,
        A::RefreshAccessToken,
    ),
    one(403, "Forbidden", C::Authorization, A::RequestAccess),
    one(404, "Not Found", C::NotFound, A::HandleInApplication),
    one(405, "Method Not Allowed", C::InvalidRequest, A::FixRequest),
    one(408, "Request Timeout", C::Unavailable, A::RetryWithBackoff),
    one(409, "Conflict", C::Conflict, A::HandleInApplication),
    one(410, "Gone", C::NotFound, A::HandleInApplication),
    one(412, "Precondition Failed", C::InvalidRequest, A::FixRequest),
    one(413, "Content Too Large", C::InvalidRequest, A::FixRequest),
    one(
        415,
        "Unsupported Media Type",
        C::InvalidRequest,
        A::FixRequest,
    ),
    one(
        422,
        "Unprocessable Content",
        C::InvalidRequest,
        A::FixRequest,
    ),
    one(
        429,
        "Too Many Requests",
        C::RateLimited,
        A::RetryWithBackoff,
    ),
    // An unknown server error may well fail the same way again, and the vendors' documents
    // say to quote the trace id.
    one(
        500,
        "Internal Server Error",
        C::ServerError,
        A::ContactVendor,
    ),
    one(501, "Not Implemented", C::ServerError, A::ContactVendor),
    one(502, "Bad Gateway", C::Unavailable, A::RetryWithBackoff),
    one(
        503,
        "Service Unavailable",
        C::Unavailable,
        A::RetryWithBackoff,
    ),
    one(504, "Gateway Timeout", C::Unavailable, A::RetryWithBackoff),
    StatusRule {
        from: 400,
        to: 499,
        reason: "Client error",
        category: C::InvalidRequest,
        action: A::FixRequest,
    },
    StatusRule {
        from: 500,
        to: 599,
        reason: "Server error",
        category: C::ServerError,
        action: A::ContactVendor,
    },
];

/// The row for a status no row covers (below 400, or above 599).
pub const UNRECOGNIZED: StatusRule = StatusRule {
    from: 0,
    to: u16::MAX,
    reason: "Unrecognized error",
    category: C::ServerError,
    action: A::ContactVendor,
};

/// The first row of [`STATUS_RULES`] that covers `status`, else [`UNRECOGNIZED`].
#[must_use]
pub fn status_rule(status: u16) -> StatusRule {
    STATUS_RULES
        .iter()
        .copied()
        .find(|r| (r.from..=r.to).contains(&status))
        .unwrap_or(UNRECOGNIZED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_are_the_taxonomy_names() {
        for c in Category::ALL {
            let yaml = serde_yaml::to_string(c).expect("serializes");
            assert_eq!(yaml.trim(), c.name());
            assert_eq!(c.name().parse::<Category>(), Ok(*c));
        }
        for a in Action::ALL {
            let yaml = serde_yaml::to_string(a).expect("serializes");
            assert_eq!(yaml.trim(), a.name());
        }
        assert_eq!(
            "retry_later".parse::<Action>().unwrap_err(),
            format!(
                "unknown action `retry_later`; expected one of {}",
                Action::names()
            )
        );
    }

    #[test]
    fn the_three_decided_statuses() {
        let of = |s| {
            let r = status_rule(s);
            (r.category, r.action)
        };
        assert_eq!(of(408), (C::Unavailable, A::RetryWithBackoff));
        assert_eq!(of(410), (C::NotFound, A::HandleInApplication));
        assert_eq!(of(412), (C::InvalidRequest, A::FixRequest));
        assert_eq!(status_rule(418).reason, "Client error");
        assert_eq!(status_rule(599).category, C::ServerError);
        assert_eq!(status_rule(200).reason, "Unrecognized error");
    }

    #[test]
    fn single_status_rows_come_before_the_ranges_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        let mut ranges = false;
        for r in STATUS_RULES {
            if r.from == r.to {
                assert!(
                    !ranges,
                    "{} comes after a range and would never match",
                    r.from
                );
                assert!(seen.insert(r.from), "{} twice", r.from);
            } else {
                ranges = true;
            }
        }
    }
}
