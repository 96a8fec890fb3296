//! The inference rules: what a response means when no catalog entry says, or when the entry
//! its code names is contradicted by the response. One table, [`RULES`], reviewed as data:
//! every rule names the phrases it looks for, the statuses it applies to and the vendors it
//! is for, and each has a test in `tests/classify_rules.rs`.
//!
//! How they are used (see [`MatchKind::Inferred`](crate::MatchKind::Inferred)):
//! - an error nothing in the catalog matched is tried against the message rules, in table
//!   order; the first that applies gives its category and action, and the error says which
//!   rule. OAuth names alone never decide a fallback (ADP sends `invalid_request` for a
//!   missing parameter, an invalid token and a missing certificate alike);
//! - an exact match on a generic catch-all entry (Akamai's 100, 200, …: a multiple of 100 in
//!   a catalog with the decimal catch-all rule) sent with another OAuth name follows the
//!   OAuth rule for that name, where it says something else than the entry
//!   (`{"code":200,"error":"invalid_grant"}` is a login to redo, not a request to fix);
//! - an exact or template match whose entry says to refresh the token or log in again is
//!   overridden only when the response contradicts it: a rule that gives another action, or
//!   a status that cannot be a credential failure (see [`contradicts_credentials`]). Sending a
//!   new token in a loop on a permissions or validation error is the failure this avoids;
//! - any other exact or template match is never overridden: the document's entry wins.

use crate::{Action, Category, Vendor};

/// One inference rule. Phrases are ASCII-lowercase and matched case-insensitively as
/// substrings of the vendor's message; OAuth names are matched against the error's machine
/// string (`error`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rule {
    /// Stable snake_case name, given as `rule` in the JSON of an inferred error.
    pub id: &'static str,
    /// The vendors it is for; empty for every catalog (user catalogs included).
    pub vendors: &'static [Vendor],
    /// The HTTP statuses it applies to; empty for any.
    pub statuses: &'static [u16],
    /// Every group must have one of its phrases in the message.
    pub all_of: &'static [&'static [&'static str]],
    /// No phrase of these may be in the message.
    pub none_of: &'static [&'static str],
    /// The OAuth / machine error names it applies to (RFC 6749 §5.2, RFC 6750 §3.1), for
    /// rules on the `error` member instead of the message.
    pub names: &'static [&'static str],
    /// What went wrong.
    pub category: Category,
    /// What to do.
    pub action: Action,
    /// Why, for the reviewer.
    pub why: &'static str,
}

use Action as A;
use Category as C;

const fn phrases(
    id: &'static str,
    statuses: &'static [u16],
    all_of: &'static [&'static [&'static str]],
    none_of: &'static [&'static str],
    category: Category,
    action: Action,
    why: &'static str,
) -> Rule {
    Rule {
        id,
        vendors: &[],
        statuses,
        all_of,
        none_of,
        names: &[],
        category,
        action,
        why,
    }
}

const fn oauth(
    id: &'static str,
    names: &'static [&'static str],
    category: Category,
    action: Action,
    why: &'static str,
) -> Rule {
    Rule {
        id,
        vendors: &[],
        statuses: &[],
        all_of: &[],
        none_of: &[],
        names,
        category,
        action,
        why,
    }
}

/// Every rule, in the order they are tried: message rules first (the message is the most
/// specific thing a response says), then the OAuth names.
pub const RULES: &[Rule] = &[
    phrases(
        "client_credentials",
        &[400, 401, 403],
        &[&[
            "invalid client credentials",
            "client credentials were not valid",
            "client credentials are invalid",
            "client authentication failed",
            "client certificate",
            "client ssl certificate",
        ]],
        &[],
        C::Configuration,
        A::FixClientConfiguration,
        "the token endpoint rejects the client's id, secret or certificate: no new token can \
         be had until the client is fixed, whatever the OAuth `error` member says",
    ),
    phrases(
        "request_header",
        &[400, 404, 412],
        &[
            &["header", "orgoid", "associateoid"],
            &[
                "missing",
                "required",
                "invalid",
                "not present",
                "not provided",
                "not found",
                "not valid",
            ],
        ],
        &[],
        C::InvalidRequest,
        A::FixRequest,
        "ADP's gateways answer 412 or 404 for a missing or invalid request header (ORGOID, \
         associateOID, roleCode): the request must change, nothing is in conflict or gone",
    ),
    phrases(
        "unknown_endpoint",
        &[200, 400, 404, 405],
        &[&[
            "endpoint does not exist",
            "endpoint not found",
            "no such endpoint",
            "unknown endpoint",
            "method does not exist",
        ]],
        &[],
        C::InvalidRequest,
        A::FixRequest,
        "a wrong URL or API method (Akamai's undocumented `invalid_api_method`): fix the \
         request; nothing here is a vendor failure or a missing resource",
    ),
    phrases(
        "insufficient_privileges",
        &[200, 400, 401, 403],
        &[&[
            "insufficient privilege",
            "insufficient permission",
            "not have permission",
            "not have the permission",
            "permission denied",
            "not authorized to",
            "not authorised to",
            "not permitted to",
            "is not allowed to",
            "are not allowed to",
        ]],
        // "X is not allowed for this Jurisdiction" is about the data, not the caller, and
        // does not say "allowed to"; a token problem stays a token problem.
        &["token", "expired"],
        C::Authorization,
        A::RequestAccess,
        "the caller is known but lacks a permission: an administrator must grant it; a new \
         token would be refused the same way",
    ),
    phrases(
        "role_required",
        &[400, 401, 403],
        &[&[
            "rolecode",
            "role code",
            "must have a role",
            "must have the role",
            "required role",
            "must be a practitioner",
            // ADP's own spelling in its RUN API.
            "must be a practioner",
            "only their profile",
            "his/her own data",
        ]],
        &[],
        C::Authorization,
        A::RequestAccess,
        "the caller's role does not allow it (ADP: a practitioner role is needed to act on \
         other employees): an administrator must grant the role",
    ),
    phrases(
        "feature_disabled",
        &[400, 401, 403],
        &[&["feature"], &["is disabled", "not enabled"]],
        &[],
        C::Authorization,
        A::RequestAccess,
        "a feature switched off for the client or role: an administrator must enable it",
    ),
    phrases(
        "in_progress_elsewhere",
        &[409, 423],
        &[&[
            "currently being processed",
            "being processed by another",
            "is locked",
            "locked by another",
            "retry shortly",
        ]],
        &[],
        C::Conflict,
        A::RetryWithBackoff,
        "another request holds the resource (Lerian's transaction lock): the same request \
         succeeds once it ends",
    ),
    phrases(
        "quota_exceeded",
        &[403, 429],
        &[&["quota"], &["exceeded", "reached", "exhausted"]],
        &[],
        C::QuotaExceeded,
        A::WaitForQuotaReset,
        "a daily or longer quota: retrying with backoff fails until it resets",
    ),
    phrases(
        "token_expired",
        &[401],
        &[&[
            "token has expired",
            "token expired",
            "expired token",
            "token is expired",
        ]],
        &[],
        C::Authentication,
        A::RefreshAccessToken,
        "an expired access token: get a new one and resend",
    ),
    oauth(
        "oauth_invalid_grant",
        &["invalid_grant"],
        C::Authentication,
        A::Reauthenticate,
        "RFC 6749: the authorization code or refresh token is invalid, expired or revoked; \
         only a new authorization gives a new one",
    ),
    oauth(
        "oauth_invalid_client",
        &["invalid_client", "unauthorized_client"],
        C::Configuration,
        A::FixClientConfiguration,
        "RFC 6749: the client is unknown, its authentication failed, or it may not use this \
         grant type",
    ),
    oauth(
        "oauth_scope",
        &["invalid_scope", "insufficient_scope", "access_denied"],
        C::Authorization,
        A::RequestAccess,
        "RFC 6749 / 6750: the scope asked for is not granted to the client",
    ),
    oauth(
        "oauth_invalid_token",
        &["invalid_token"],
        C::Authentication,
        A::RefreshAccessToken,
        "RFC 6750: the access token is expired, revoked or malformed",
    ),
    oauth(
        "oauth_invalid_request",
        &[
            "invalid_request",
            "unsupported_grant_type",
            "unsupported_response_type",
        ],
        C::InvalidRequest,
        A::FixRequest,
        "RFC 6749: the token request itself is wrong",
    ),
];

/// The longest message prefix the rules look at: a message says what is wrong first (the
/// real ones put their deciding words in their first 200 bytes), and what runs longer is
/// detail, such as the Java exception texts ADP passes through. The bound keeps the scan
/// linear and small however long a message is.
const SCANNED: usize = 512;

impl Rule {
    fn for_vendor(&self, vendor: Option<Vendor>) -> bool {
        self.vendors.is_empty() || vendor.is_some_and(|v| self.vendors.contains(&v))
    }

    fn for_status(&self, status: u16) -> bool {
        self.statuses.is_empty() || self.statuses.contains(&status)
    }
}

/// Which phrases of which rules a message holds: for rule `i`, bit `g` of `groups[i]` is set
/// when group `g` of its `all_of` has a phrase in the message, and bit `i` of `vetoed` when
/// one of its `none_of` phrases is.
struct Found {
    groups: [u8; RULES.len()],
    vetoed: u64,
}

/// A phrase, where it goes when found (rule, and group or `VETO` for `none_of`), and its first
/// four bytes lowercased with the mask of the ones it has, for a one-load reject.
#[derive(Clone, Copy)]
struct Slot {
    phrase: &'static [u8],
    rule: u8,
    group: u8,
    head: u32,
    mask: u32,
}

/// Up to four bytes of `b` as a little-endian word, ASCII-lowercased by setting bit 5 of
/// each (which also maps some punctuation onto other punctuation: the full comparison after
/// a head match decides).
fn head(b: &[u8]) -> u32 {
    let mut w = [0u8; 4];
    let n = b.len().min(4);
    w[..n].copy_from_slice(&b[..n]);
    u32::from_le_bytes(w) | 0x2020_2020
}
const VETO: u8 = u8::MAX;

/// Buckets of phrases by their first two bytes: a letter (26) and the low five bits of the
/// next byte (32). Two bytes narrow a word start to the phrase or two that can match there.
const BUCKETS: usize = 26 * 32;

fn bucket(first: u8, second: u8) -> usize {
    usize::from(first.to_ascii_lowercase() - b'a') * 32
        + usize::from(second.to_ascii_lowercase() & 31)
}

/// The phrases of every rule, bucketed by their first two bytes: built once.
fn by_first_bytes() -> &'static [Vec<Slot>] {
    static INDEX: std::sync::OnceLock<Vec<Vec<Slot>>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Vec<Vec<Slot>> = vec![Vec::new(); BUCKETS];
        for (r, rule) in RULES.iter().enumerate() {
            let groups = rule.all_of.iter().enumerate().map(|(g, ps)| (g as u8, *ps));
            let vetoes = std::iter::once((VETO, rule.none_of));
            for (g, phrases) in groups.chain(vetoes) {
                for p in phrases {
                    // Phrases start with a letter and have two bytes at least (a unit test
                    // checks it); any other would never be found.
                    if let [first @ b'a'..=b'z', second, ..] = *p.as_bytes() {
                        let n = p.len().min(4);
                        let mask = if n == 4 {
                            u32::MAX
                        } else {
                            (1u32 << (8 * n)) - 1
                        };
                        index[bucket(first, second)].push(Slot {
                            phrase: p.as_bytes(),
                            rule: r as u8,
                            group: g,
                            head: head(p.as_bytes()) & mask,
                            mask,
                        });
                    }
                }
            }
        }
        index
    })
}

/// One pass over the message's word starts (phrases begin at a word, so "rolecode" is found
/// in "Practitioner RoleCode" and "header" in "'ORGOID' header" but not inside "subheader"):
/// at each, only the phrases with its first two bytes are compared. Linear in the scanned
/// prefix, with a constant number of comparisons per word.
fn scan(message: &str) -> Found {
    let m = message.as_bytes();
    let m = &m[..m.len().min(SCANNED)];
    let index = by_first_bytes();
    let mut found = Found {
        groups: [0; RULES.len()],
        vetoed: 0,
    };
    // One table lookup per byte: 0 separates words, 1 is a letter (a phrase may start
    // there), 2 is another word byte (digit, non-ASCII: a word never starts inside "é").
    const CLASS: [u8; 256] = {
        let mut t = [2u8; 256];
        let mut b = 0;
        while b < 128 {
            t[b] = if (b as u8).is_ascii_alphabetic() {
                1
            } else if (b as u8).is_ascii_digit() {
                2
            } else {
                0
            };
            b += 1;
        }
        t
    };
    let mut in_word = false;
    for (i, &b) in m.iter().enumerate() {
        let class = CLASS[usize::from(b)];
        if class == 1 && !in_word {
            if let Some(&second) = m.get(i + 1) {
                let rest = &m[i..];
                let here = head(rest);
                for slot in &index[bucket(b, second)] {
                    let Slot {
                        phrase,
                        rule,
                        group,
                        ..
                    } = *slot;
                    if here & slot.mask == slot.head
                        && rest.len() >= phrase.len()
                        && rest[..phrase.len()].eq_ignore_ascii_case(phrase)
                    {
                        if group == VETO {
                            found.vetoed |= 1 << rule;
                        } else {
                            found.groups[usize::from(rule)] |= 1 << group;
                        }
                    }
                }
            }
        }
        in_word = class != 0;
    }
    found
}

impl Rule {
    /// Whether this message rule applies to `message` (at any status).
    pub fn matches_message(&self, message: &str) -> bool {
        let Some(i) = RULES.iter().position(|r| r.id == self.id) else {
            return false;
        };
        applies(i, self, &scan(message))
    }
}

fn applies(i: usize, rule: &Rule, found: &Found) -> bool {
    let all = (1u16 << rule.all_of.len()) - 1;
    !rule.all_of.is_empty() && u16::from(found.groups[i]) == all && found.vetoed & (1 << i) == 0
}

/// The first message rule for this vendor and status whose phrases are in `message`.
pub(crate) fn by_message(
    vendor: Option<Vendor>,
    status: u16,
    message: &str,
) -> Option<&'static Rule> {
    // Most fallbacks have a status no rule is for: no scan at all.
    let mut candidates = RULES
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.all_of.is_empty() && r.for_status(status) && r.for_vendor(vendor))
        .peekable();
    candidates.peek()?;
    let found = scan(message);
    candidates
        .find(|&(i, r)| applies(i, r, &found))
        .map(|(_, r)| r)
}

/// The OAuth rule for the machine error name `name`.
pub(crate) fn by_name(vendor: Option<Vendor>, name: &str) -> Option<&'static Rule> {
    let name = name.trim();
    RULES
        .iter()
        .find(|r| r.for_vendor(vendor) && r.names.iter().any(|n| n.eq_ignore_ascii_case(name)))
}

/// Whether an HTTP status rules out a failed credential, so that an entry saying "refresh the
/// token" or "log in again" cannot be what happened: 401 is the credential status, and 400 is
/// what OAuth token endpoints answer for an expired code or refresh token (RFC 6749 §5.2);
/// every other error status (403 permissions, 404, 409, 422 validation, 429, 5xx) names
/// something a new token does not fix.
/// The `rule` of an inferred error whose documented entry asks for new credentials while the
/// response's status rules a credential failure out ([`contradicts_credentials`]).
pub(crate) const STATUS_DISAGREES: &str = "status_disagrees";

/// `name` as the static name an inferred error carries: a rule of [`RULES`] or
/// [`STATUS_DISAGREES`]; what reading a classification's JSON back needs.
pub(crate) fn rule_name(name: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|r| r.id)
        .chain([STATUS_DISAGREES])
        .find(|id| *id == name)
}

pub(crate) fn contradicts_credentials(status: u16) -> bool {
    status >= 400 && !matches!(status, 400 | 401 | 407)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_well_formed() {
        let mut ids = std::collections::HashSet::new();
        for r in RULES {
            assert!(ids.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                r.all_of.is_empty() != r.names.is_empty(),
                "{}: a rule is on the message or on the OAuth name",
                r.id
            );
            for p in r.all_of.iter().flat_map(|g| g.iter()).chain(r.none_of) {
                assert_eq!(
                    *p,
                    p.to_ascii_lowercase(),
                    "{}: phrases are lowercase",
                    r.id
                );
                assert!(!p.is_empty(), "{}", r.id);
            }
            assert!(!r.why.is_empty());
        }
    }

    #[test]
    fn phrases_are_found_at_word_starts() {
        let rule = |id: &str| RULES.iter().find(|r| r.id == id).expect("rule exists");
        let role = rule("role_required");
        assert!(role.matches_message("Actor must have a Practitioner RoleCode"));
        assert!(!role.matches_message("Actor must have a Practitioner xRoleCode"));
        let header = rule("request_header");
        assert!(header.matches_message("Required request header 'ORGOID' is not present"));
        assert!(!header.matches_message("the subheader is fine"));
        // Every group must match, and a veto phrase cancels.
        assert!(!header.matches_message("header"));
        let privileges = rule("insufficient_privileges");
        assert!(privileges.matches_message("Insufficient privileges"));
        assert!(!privileges.matches_message("insufficient privileges: token expired"));
        // Non-ASCII text neither panics nor starts a word inside a letter.
        assert!(!role.matches_message("éxrolecode"));
        assert!(role.matches_message("é rolecode"));
        // Past the scanned prefix nothing is looked at.
        let long = format!("{} rolecode", "x".repeat(SCANNED));
        assert!(!role.matches_message(&long));
    }

    #[test]
    fn every_phrase_starts_with_a_letter_and_fits_the_masks() {
        assert!(RULES.len() <= 64, "vetoes are a u64 bitmask");
        for r in RULES {
            assert!(r.all_of.len() <= 8, "{}: groups are a u8 bitmask", r.id);
            for p in r.all_of.iter().flat_map(|g| g.iter()).chain(r.none_of) {
                assert!(p.as_bytes()[0].is_ascii_lowercase(), "{}: {p:?}", r.id);
                assert!(p.len() >= 2, "{}: {p:?}", r.id);
            }
        }
    }
}
