//! The cross-vendor taxonomy (DESIGN.md). The names are a contract: specs, the generated
//! `Category`/`Action` enums and the CLI's JSON all use them, and all are generated from
//! these two tables so that they cannot drift apart.

/// One name of the taxonomy.
#[derive(Clone, Copy, Debug)]
pub struct Term {
    /// snake_case name used in YAML, `Display`, `FromStr` and JSON.
    pub name: &'static str,
    /// The enum variant.
    pub variant: &'static str,
    /// The meaning, from DESIGN.md; becomes the variant's doc comment.
    pub doc: &'static str,
    /// For actions: whether the same request, unchanged, may succeed later.
    pub retryable: bool,
}

const fn term(name: &'static str, variant: &'static str, doc: &'static str) -> Term {
    Term {
        name,
        variant,
        doc,
        retryable: false,
    }
}

const fn retry(name: &'static str, variant: &'static str, doc: &'static str) -> Term {
    Term {
        name,
        variant,
        doc,
        retryable: true,
    }
}

/// `category`: what went wrong.
pub const CATEGORIES: &[Term] = &[
    term("invalid_request", "InvalidRequest", "The request is malformed: parameters, headers, body, query, validation."),
    term("authentication", "Authentication", "Who is calling is not established: token or credentials missing, invalid or expired; 2FA / SSO required."),
    term("authorization", "Authorization", "The caller is known but not allowed: permissions, scopes, roles, consent, subscription."),
    term("not_found", "NotFound", "The referenced resource does not exist."),
    term("conflict", "Conflict", "It already exists, a uniqueness constraint, or a stale timestamp."),
    term("rate_limited", "RateLimited", "Short-term throttling."),
    term("quota_exceeded", "QuotaExceeded", "A daily or longer quota is spent."),
    term("configuration", "Configuration", "The client application is set up wrong or not approved on the vendor's side."),
    term("server_error", "ServerError", "The vendor failed internally."),
    term("unavailable", "Unavailable", "The vendor or something behind it is temporarily down, in maintenance, or timed out."),
    term("network", "Network", "No response arrived (socket error, timeout)."),
];

/// `action`: what the caller should do next.
pub const ACTIONS: &[Term] = &[
    retry("retry_with_backoff", "RetryWithBackoff", "Send the same request again, with exponential backoff."),
    retry("wait_for_quota_reset", "WaitForQuotaReset", "Send it again only after the quota window resets."),
    term("refresh_access_token", "RefreshAccessToken", "Get a new access token (refresh grant, client credentials, or a new bearer token), then resend."),
    term("reauthenticate", "Reauthenticate", "The user or client must go through login / the authorization flow again (refresh token or authorization code gone, 2FA or SSO needed, wrong password)."),
    term("fix_request", "FixRequest", "Change the request; sending it unchanged will fail again."),
    term("fix_client_configuration", "FixClientConfiguration", "Fix the client's id, secret, certificate, redirect URI or grant types."),
    term("request_access", "RequestAccess", "An administrator must grant a permission, scope, role, consent or subscription."),
    term("handle_in_application", "HandleInApplication", "A definitive answer (not found, already exists) that the application's own logic must handle."),
    term("contact_vendor", "ContactVendor", "Only the vendor can fix it; quote the trace id."),
];

/// Looks a name up in one of the tables.
pub fn find(table: &'static [Term], name: &str) -> Option<&'static Term> {
    table.iter().find(|t| t.name == name)
}

/// The names of a table, for "expected one of" messages.
pub fn names(table: &[Term]) -> String {
    table.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
}
