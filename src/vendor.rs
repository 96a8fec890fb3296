//! Lookups by code, alias or id, and the catch-all rule.

/// A vendor document's rule for codes it does not list (the spec header's `catch_all`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CatchAllRule {
    /// A multiple of 10 or 100 stands for the codes below it.
    Decimal,
}

use crate::catalog;
use crate::{ErrorCode, Vendor};

/// Looks a code up across every vendor: `"401-001-0003"`, `"AUT-1005"`, `"414"`, and aliases
/// such as `"500-001-0014"` for IRIS's `500-001-00014`.
///
/// Codes are unique within a vendor but not across vendors; should two vendors ever share a
/// code string, this returns the first in [`Vendor::ALL`] order. Use [`Vendor::lookup`] when
/// the vendor is known, which also accepts entry ids.
///
/// ```
/// let code = errcat::lookup("401-001-0003").unwrap();
/// assert_eq!(code.vendor(), errcat::Vendor::IrisHr);
/// assert_eq!(code.action(), errcat::Action::Reauthenticate);
/// assert!(errcat::lookup("401-001-9999").is_none());
/// ```
pub fn lookup(code: &str) -> Option<ErrorCode> {
    catalog::CODES.get(code).and_then(ErrorCode::from_index)
}

impl Vendor {
    /// Looks up one of this vendor's codes, aliases or entry ids.
    ///
    /// ```
    /// use errcat::Vendor;
    /// let by_code = Vendor::AkamaiIdentityCloud.lookup("414").unwrap();
    /// let by_id = Vendor::AkamaiIdentityCloud.lookup("access_token_expired").unwrap();
    /// assert_eq!(by_code, by_id);
    /// assert!(Vendor::IrisHr.lookup("414").is_none());
    /// ```
    pub fn lookup(self, code_or_id: &str) -> Option<ErrorCode> {
        // Codes first: a code that happens to equal another entry's id keeps its meaning.
        self.lookup_code(code_or_id).or_else(|| {
            self.id_table()
                .get(code_or_id)
                .and_then(ErrorCode::from_index)
        })
    }

    /// Looks up one of this vendor's codes or aliases, as a response carries them. Entry ids
    /// are ours, not the vendor's, so they are not accepted here.
    ///
    /// ```
    /// use errcat::Vendor;
    /// assert!(Vendor::AkamaiIdentityCloud.lookup_code("414").is_some());
    /// assert!(Vendor::AkamaiIdentityCloud.lookup_code("access_token_expired").is_none());
    /// ```
    pub fn lookup_code(self, code: &str) -> Option<ErrorCode> {
        self.code_table().get(code).and_then(ErrorCode::from_index)
    }

    /// The documented catch-all entry for a code this vendor does not list, if its document
    /// states such a rule.
    ///
    /// Akamai: "A code that is a multiple of 100 or 10 is a catch-all for the codes below it":
    /// an unknown `343` falls back to `340`, and an unknown `419`, having no `410`, to `400`.
    /// A listed code, a code that is not a number, and a code with no catch-all give `None`.
    ///
    /// ```
    /// use errcat::Vendor;
    /// let akamai = Vendor::AkamaiIdentityCloud;
    /// assert_eq!(akamai.catch_all("343").and_then(|c| c.code()), Some("340"));
    /// assert_eq!(akamai.catch_all("340"), None); // listed: use lookup
    /// assert_eq!(Vendor::IrisHr.catch_all("343"), None);
    /// ```
    pub fn catch_all(self, code: &str) -> Option<ErrorCode> {
        match self.catch_all_rule()? {
            CatchAllRule::Decimal => {
                if code.is_empty() || code.len() > 9 || !code.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                if self.lookup_code(code).is_some() {
                    return None;
                }
                let n: u32 = code.parse().ok()?;
                [n - n % 10, n - n % 100]
                    .into_iter()
                    .filter(|&c| c != n)
                    .find_map(|c| self.lookup_code(&c.to_string()))
            }
        }
    }

    /// [`lookup_code`](Self::lookup_code), then [`catch_all`](Self::catch_all): the entry for
    /// a wire code and whether it was reached through the catch-all rule.
    pub fn resolve(self, code: &str) -> Option<(ErrorCode, bool)> {
        match self.lookup_code(code) {
            Some(c) => Some((c, false)),
            None => self.catch_all(code).map(|c| (c, true)),
        }
    }

    /// Every entry of this vendor, in document order.
    pub fn codes(self) -> impl Iterator<Item = ErrorCode> + Clone {
        self.entry_range().filter_map(ErrorCode::from_index)
    }
}

impl ErrorCode {
    /// Every entry of every vendor.
    pub fn all() -> impl Iterator<Item = ErrorCode> + Clone {
        (0..catalog::ENTRIES.len()).filter_map(ErrorCode::from_index)
    }

    /// The vendor of this entry.
    pub fn vendor(self) -> Vendor {
        self.entry().vendor()
    }

    crate::code::entry_accessors!();
}

/// Serializes as its [`Entry`](crate::Entry).
impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.entry().serialize(s)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.entry(), f)
    }
}
