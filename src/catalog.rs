//! [`Catalog`]: one vendor's entries, their lookup tables, its catch-all rule and the reader
//! of its error bodies. Every generated module has one, built-in or not.

use std::fmt;
use std::sync::OnceLock;

use crate::classify::{MatchIndex, Reader};
use crate::table::Table;
use crate::{Action, Category, Entry, ErrorCode, MatchKind, Vendor};

/// One vendor's catalog: `errcat::iris_hr::CATALOG`, [`Vendor::catalog`], or the `CATALOG` of
/// a module generated in another crate.
///
/// Lookups take `&'static self`: catalogs are statics, and the codes they return point into
/// them.
///
/// ```
/// use errcat::{iris_hr, MatchKind, Vendor};
/// let catalog = Vendor::IrisHr.catalog();
/// assert_eq!(catalog.id(), "iris_hr");
/// assert!(std::ptr::eq(catalog, &iris_hr::CATALOG));
/// let code = catalog.lookup("401-001-0003").unwrap();
/// assert_eq!(code.title(), "The Authorization Code has expired");
/// assert_eq!(catalog.codes().count(), iris_hr::Code::ALL.len());
/// let verdict = catalog.classify(401, br#"{"code":"401-001-0003","detail":"expired"}"#);
/// assert_eq!(verdict.errors()[0].match_kind(), MatchKind::Exact);
/// ```
pub struct Catalog {
    def: CatalogDef,
    /// What matching by message, title and status needs, built on the first classify.
    index: OnceLock<MatchIndex>,
}

/// What the generator writes for one catalog; see [`__private`](crate::__private).
#[doc(hidden)]
pub struct CatalogDef {
    pub id: &'static str,
    pub name: &'static str,
    pub source: Option<&'static str>,
    pub entries: &'static [Entry],
    /// Codes and aliases → position in `entries`.
    pub codes: Table,
    /// Entry ids → position in `entries`.
    pub ids: Table,
    pub catch_all: Option<CatchAllRule>,
    /// The spec header's `statuses`: the vendor's documented behaviour per HTTP status.
    pub statuses: &'static [StatusDef],
    pub reader: Reader,
}

/// One row of a spec header's `statuses`.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusDef {
    pub status: u16,
    pub category: Category,
    pub action: Action,
}

/// A vendor document's rule for codes it does not list (the spec header's `catch_all`).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatchAllRule {
    /// A multiple of 10 or 100 stands for the codes below it.
    Decimal,
}

impl Catalog {
    pub(crate) const fn new(def: CatalogDef) -> Catalog {
        Catalog {
            def,
            index: OnceLock::new(),
        }
    }

    /// The vendor id: the spec's file stem (`iris_hr`), and `"vendor"` in the JSON.
    pub const fn id(&self) -> &'static str {
        self.def.id
    }

    /// The vendor's name for people (`IRIS HR`), as `Display` of an entry shows it.
    pub const fn name(&self) -> &'static str {
        self.def.name
    }

    /// The vendor document the spec is transcribed from, if the spec names one.
    pub const fn source(&self) -> Option<&'static str> {
        self.def.source
    }

    /// The built-in vendor this catalog is, or the one whose bodies it reads (a catalog that
    /// extends it).
    pub fn vendor(&self) -> Option<Vendor> {
        self.def.reader.vendor()
    }

    pub(crate) const fn reader(&self) -> Reader {
        self.def.reader
    }

    pub(crate) fn index(&'static self) -> &'static MatchIndex {
        self.index.get_or_init(|| MatchIndex::build(self))
    }

    /// Looks up one of this catalog's codes, aliases or entry ids.
    ///
    /// ```
    /// use errcat::Vendor;
    /// let akamai = Vendor::AkamaiIdentityCloud.catalog();
    /// assert_eq!(akamai.lookup("414"), akamai.lookup("access_token_expired"));
    /// assert!(Vendor::IrisHr.catalog().lookup("414").is_none());
    /// ```
    pub fn lookup(&'static self, code_or_id: &str) -> Option<ErrorCode> {
        // Codes first: a code that happens to equal another entry's id keeps its meaning.
        self.lookup_code(code_or_id)
            .or_else(|| self.at(self.def.ids.get(code_or_id)?))
    }

    /// Looks up one of this catalog's codes or aliases, as a response carries them. Entry ids
    /// are ours, not the vendor's, so they are not accepted here.
    ///
    /// ```
    /// use errcat::Vendor;
    /// let akamai = Vendor::AkamaiIdentityCloud.catalog();
    /// assert!(akamai.lookup_code("414").is_some());
    /// assert!(akamai.lookup_code("access_token_expired").is_none());
    /// ```
    #[inline]
    pub fn lookup_code(&'static self, code: &str) -> Option<ErrorCode> {
        self.at(self.def.codes.get(code)?)
    }

    /// The documented catch-all entry for a code this catalog does not list, if its document
    /// states such a rule.
    ///
    /// Akamai: "A code that is a multiple of 100 or 10 is a catch-all for the codes below it":
    /// an unknown `343` falls back to `340`, and an unknown `419`, having no `410`, to `400`.
    /// A listed code, a code that is not a number, and a code with no catch-all give `None`.
    ///
    /// ```
    /// use errcat::Vendor;
    /// let akamai = Vendor::AkamaiIdentityCloud.catalog();
    /// assert_eq!(akamai.catch_all("343").and_then(|c| c.code()), Some("340"));
    /// assert_eq!(akamai.catch_all("340"), None); // listed: use lookup
    /// assert_eq!(Vendor::IrisHr.catalog().catch_all("343"), None);
    /// ```
    pub fn catch_all(&'static self, code: &str) -> Option<ErrorCode> {
        match self.def.catch_all? {
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

    pub(crate) fn has_catch_all(&self) -> bool {
        self.def.catch_all.is_some()
    }

    /// [`lookup_code`](Self::lookup_code), then [`catch_all`](Self::catch_all): the entry for
    /// a wire code, and whether it matched [`MatchKind::Exact`] or [`MatchKind::CatchAll`].
    pub fn resolve(&'static self, code: &str) -> Option<(ErrorCode, MatchKind)> {
        match self.lookup_code(code) {
            Some(c) => Some((c, MatchKind::Exact)),
            None => self.catch_all(code).map(|c| (c, MatchKind::CatchAll)),
        }
    }

    /// What this catalog says about an HTTP status when no entry matches a response: the
    /// vendor's documented behaviour for it (the spec header's `statuses`), else the generic
    /// status table. Returns the category, the action and the status's reason phrase, and
    /// whether the vendor documents it.
    ///
    /// ```
    /// use errcat::{Action, Vendor};
    /// // Lerian documents its 500s as "try again later"; the generic table says contact_vendor.
    /// let (_, action, _, documented) = Vendor::LerianAccessManager.catalog().status_behaviour(500);
    /// assert_eq!((action, documented), (Action::RetryWithBackoff, true));
    /// let (_, action, _, documented) = Vendor::IrisHr.catalog().status_behaviour(500);
    /// assert_eq!((action, documented), (Action::ContactVendor, false));
    /// ```
    pub fn status_behaviour(&self, status: u16) -> (Category, Action, &'static str, bool) {
        let (category, action, reason) = crate::builtin::status_rule(status);
        match self.def.statuses.iter().find(|s| s.status == status) {
            Some(s) => (s.category, s.action, reason, true),
            None => (category, action, reason, false),
        }
    }

    /// Every entry, in document order.
    pub fn codes(&'static self) -> impl ExactSizeIterator<Item = ErrorCode> + Clone {
        self.def.entries.iter().map(ErrorCode::new)
    }

    /// Classifies one response of this vendor: see [`classify`](crate::classify), which is
    /// this method on a built-in vendor's catalog.
    pub fn classify(&'static self, status: u16, body: &[u8]) -> crate::Classification {
        crate::classify::run(self, status, body)
    }

    /// The entry at `position` (a lookup table's value).
    #[inline]
    pub(crate) fn at(&'static self, position: u32) -> Option<ErrorCode> {
        self.def.entries.get(position as usize).map(ErrorCode::new)
    }

    /// Where `entry` sits in this catalog, if it is one of its entries.
    pub(crate) fn position(&self, entry: &Entry) -> Option<usize> {
        // Entries are elements of one static array: the offset from its start says which.
        let base = self.def.entries.as_ptr() as usize;
        let offset = (entry as *const Entry as usize).checked_sub(base)?;
        let at = offset / std::mem::size_of::<Entry>();
        self.def
            .entries
            .get(at)
            .filter(|e| std::ptr::eq(*e, entry))
            .map(|_| at)
    }
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("id", &self.def.id)
            .field("entries", &self.def.entries.len())
            .finish_non_exhaustive()
    }
}

/// Two catalogs are equal when they are the same static.
impl PartialEq for Catalog {
    fn eq(&self, other: &Catalog) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Catalog {}
