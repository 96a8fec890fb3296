//! The built-in vendors' lookups: [`lookup`] across all of them, and [`Vendor`]'s methods,
//! each the same method of the vendor's [`Catalog`](crate::Catalog).

use crate::{ErrorCode, MatchKind, Vendor};

/// Looks a code up across every built-in vendor: `"401-001-0003"`, `"AUT-1005"`, `"414"`,
/// and aliases such as `"500-001-0014"` for IRIS's `500-001-00014`.
///
/// Codes are unique within a vendor but not across vendors; should two vendors ever share a
/// code string, this returns the first in [`Vendor::ALL`] order. Use [`Vendor::lookup`] when
/// the vendor is known, which also accepts entry ids.
///
/// ```
/// let code = errcat::lookup("401-001-0003").unwrap();
/// assert_eq!(code.vendor(), Some(errcat::Vendor::IrisHr));
/// assert_eq!(code.action(), errcat::Action::Reauthenticate);
/// assert!(errcat::lookup("401-001-9999").is_none());
/// ```
#[inline]
#[must_use]
pub fn lookup(code: &str) -> Option<ErrorCode> {
    let (catalog, position) = crate::builtin::CODES.get(code)?;
    catalog.at(position)
}

impl Vendor {
    /// Looks up one of this vendor's codes, aliases or entry ids: [`Catalog::lookup`](crate::Catalog::lookup).
    ///
    /// ```
    /// use errcat::Vendor;
    /// let by_code = Vendor::AkamaiIdentityCloud.lookup("414").unwrap();
    /// let by_id = Vendor::AkamaiIdentityCloud.lookup("access_token_expired").unwrap();
    /// assert_eq!(by_code, by_id);
    /// assert!(Vendor::IrisHr.lookup("414").is_none());
    /// ```
    #[must_use]
    pub fn lookup(self, code_or_id: &str) -> Option<ErrorCode> {
        self.catalog().lookup(code_or_id)
    }

    /// Looks up one of this vendor's codes or aliases, as a response carries them:
    /// [`Catalog::lookup_code`](crate::Catalog::lookup_code).
    #[inline]
    #[must_use]
    pub fn lookup_code(self, code: &str) -> Option<ErrorCode> {
        self.catalog().lookup_code(code)
    }

    /// The documented catch-all entry for a code this vendor does not list:
    /// [`Catalog::catch_all`](crate::Catalog::catch_all).
    ///
    /// ```
    /// use errcat::Vendor;
    /// let akamai = Vendor::AkamaiIdentityCloud;
    /// assert_eq!(akamai.catch_all("343").and_then(|c| c.code()), Some("340"));
    /// assert_eq!(Vendor::IrisHr.catch_all("343"), None);
    /// ```
    #[must_use]
    pub fn catch_all(self, code: &str) -> Option<ErrorCode> {
        self.catalog().catch_all(code)
    }

    /// The entry for a wire code and how it matched: [`Catalog::resolve`](crate::Catalog::resolve).
    #[must_use]
    pub fn resolve(self, code: &str) -> Option<(ErrorCode, MatchKind)> {
        self.catalog().resolve(code)
    }

    /// Every entry of this vendor, in document order.
    #[must_use]
    pub fn codes(self) -> impl ExactSizeIterator<Item = ErrorCode> + Clone {
        self.catalog().codes()
    }
}
