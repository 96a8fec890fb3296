//! [`Catalog`]: one vendor's entries, their lookup tables, its catch-all rule and the reader
//! of its error bodies. Every generated module has one, built-in or not.

use std::fmt;
use std::sync::OnceLock;

use crate::classify::{MatchIndex, Reader};
use crate::table::Table;
use crate::{Entry, ErrorCode, MatchKind, Vendor};

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
    /// The spec file, as the build script named it.
    pub spec: &'static str,
    pub entries: &'static [Entry],
    /// Codes and aliases → position in `entries`.
    pub codes: Table,
    /// Entry ids → position in `entries`.
    pub ids: Table,
    pub catch_all: Option<CatchAllRule>,
    pub reader: Reader,
    /// The built-in catalog a spec's `extends` adds to.
    pub base: Option<&'static Catalog>,
    /// The spec header's `trace_headers`.
    pub trace_headers: &'static [&'static str],
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

    /// The spec file the catalog was generated from, as its build script named it
    /// (`specs/iris_hr.yaml`, `errors/acme_billing.yaml`).
    pub const fn spec(&self) -> &'static str {
        self.def.spec
    }

    /// The built-in vendor this catalog is, or the one whose bodies it reads (a catalog that
    /// extends it); `None` for a vendor of your own with its declarative envelope.
    pub fn vendor(&self) -> Option<Vendor> {
        self.def.reader.vendor()
    }

    /// Whether this is one of errcat's built-in catalogs, transcribed from the vendor's
    /// document. An entry of any other catalog is not documented by the vendor.
    ///
    /// ```
    /// assert!(errcat::Vendor::Adp.catalog().is_builtin());
    /// ```
    pub fn is_builtin(&self) -> bool {
        Vendor::ALL.iter().any(|v| std::ptr::eq(v.catalog(), self))
    }

    /// The built-in catalog this one adds its entries to (its spec's `extends`): lookups and
    /// classification find the entries of both, this catalog's first.
    pub const fn extends(&self) -> Option<&'static Catalog> {
        self.def.base
    }

    /// The response headers that carry this vendor's trace or request id, in order of
    /// preference, as its spec's `trace_headers` lists them; those of the catalog it extends
    /// come after its own. Compare them without regard to ASCII case.
    ///
    /// ```
    /// assert!(errcat::Vendor::IrisHr.catalog().trace_headers().next().is_none());
    /// ```
    pub fn trace_headers(&self) -> impl Iterator<Item = &'static str> + Clone {
        let base: &'static [&'static str] = match self.def.base {
            Some(b) => b.def.trace_headers,
            None => &[],
        };
        self.def.trace_headers.iter().chain(base).copied()
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
            .or_else(|| self.lookup_id(code_or_id))
    }

    fn lookup_id(&'static self, id: &str) -> Option<ErrorCode> {
        match self.def.ids.get(id) {
            Some(at) => self.at(at),
            None => self.def.base?.lookup_id(id),
        }
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
        match self.def.codes.get(code) {
            Some(at) => self.at(at),
            // The generator refuses an extending spec that reuses a built-in code, so the
            // order only decides speed.
            None => self.def.base?.lookup_code(code),
        }
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
        let rule = self
            .def
            .catch_all
            .or_else(|| self.def.base.and_then(|b| b.def.catch_all))?;
        match rule {
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
    /// a wire code, and whether it matched [`MatchKind::Exact`] or [`MatchKind::CatchAll`].
    pub fn resolve(&'static self, code: &str) -> Option<(ErrorCode, MatchKind)> {
        match self.lookup_code(code) {
            Some(c) => Some((c, MatchKind::Exact)),
            None => self.catch_all(code).map(|c| (c, MatchKind::CatchAll)),
        }
    }

    /// Every entry, in document order; for a catalog that extends a built-in one, its own
    /// entries and then the built-in ones.
    pub fn codes(&'static self) -> impl ExactSizeIterator<Item = ErrorCode> + Clone {
        let base: &'static [Entry] = match self.def.base {
            Some(b) => b.def.entries,
            None => &[],
        };
        Codes {
            own: self.def.entries.iter(),
            base: base.iter(),
        }
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

/// [`Catalog::codes`]: `Chain` is not an `ExactSizeIterator`.
#[derive(Clone)]
struct Codes {
    own: std::slice::Iter<'static, Entry>,
    base: std::slice::Iter<'static, Entry>,
}

impl Iterator for Codes {
    type Item = ErrorCode;

    fn next(&mut self) -> Option<ErrorCode> {
        self.own
            .next()
            .or_else(|| self.base.next())
            .map(ErrorCode::new)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.own.len() + self.base.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for Codes {}

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
