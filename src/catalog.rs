//! [`Catalog`]: one vendor's entries, their lookup tables, its catch-all rule and the reader
//! of its error bodies. Every generated module has one, built-in or not.

use std::fmt;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use crate::classify::{MatchIndex, Reader};
use crate::head::{self, HeaderField};
use crate::table::Table;
use crate::{
    Action, Category, Classification, Entry, ErrorCode, HeadRules, MatchKind, NetworkFailure,
    Vendor,
};

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
    /// The spec's trace headers and those of the catalog it extends, when both have some.
    trace_headers: OnceLock<Box<[&'static str]>>,
}

/// What the generator writes for one catalog; see [`__private`](crate::__private).
#[doc(hidden)]
pub struct CatalogDef {
    pub id: &'static str,
    pub name: &'static str,
    pub source: Option<&'static str>,
    /// Where the vendor publishes the document (the spec header's `url`).
    pub url: Option<&'static str>,
    /// The spec file, as the build script named it.
    pub spec: &'static str,
    pub entries: &'static [Entry],
    /// Codes and aliases → position in `entries`.
    pub codes: Table,
    /// Entry ids → position in `entries`.
    pub ids: Table,
    pub catch_all: Option<CatchAllRule>,
    /// The spec header's `trace_headers`.
    pub trace_headers: &'static [&'static str],
    /// The spec header's `rate_limit_wait_s`.
    pub rate_limit_wait_s: Option<u32>,
    /// The spec header's `statuses`: the vendor's documented behaviour per HTTP status.
    pub statuses: &'static [StatusDef],
    pub reader: Reader,
    /// The built-in catalog a spec's `extends` adds to.
    pub base: Option<&'static Catalog>,
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
            trace_headers: OnceLock::new(),
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

    /// Where the vendor publishes the document, if the spec's header gives its URL: what to
    /// read when the repository's copy (`source`) is not at hand, as for an installed CLI.
    #[must_use]
    pub const fn url(&self) -> Option<&'static str> {
        self.def.url
    }

    /// The spec file the catalog was generated from, as its build script named it
    /// (`specs/iris_hr.yaml`, `errors/acme_billing.yaml`).
    #[must_use]
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
    /// come after its own (a name it lists again, in any case, only once). Compare them
    /// without regard to ASCII case.
    ///
    /// ```
    /// use errcat::Vendor;
    /// assert_eq!(Vendor::Adp.catalog().trace_headers(), &["ADP-CorrelationID"]);
    /// assert!(Vendor::IrisHr.catalog().trace_headers().is_empty());
    /// ```
    pub fn trace_headers(&'static self) -> &'static [&'static str] {
        let own = self.def.trace_headers;
        let base = match self.def.base {
            Some(b) => b.trace_headers(),
            None => &[],
        };
        if base.is_empty() {
            return own;
        }
        if own.is_empty() {
            return base;
        }
        // Only a catalog that extends one with trace headers of its own pays for this, once:
        // `HeadRules` takes one slice.
        self.trace_headers.get_or_init(|| {
            let mut all = own.to_vec();
            for name in base {
                if !all.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    all.push(name);
                }
            }
            all.into_boxed_slice()
        })
    }

    /// The wait this vendor documents after a rate-limited response, when no header says
    /// otherwise (the spec header's `rate_limit_wait_s`, else that of the catalog it
    /// extends).
    ///
    /// ```
    /// use std::time::Duration;
    /// use errcat::Vendor;
    /// assert_eq!(Vendor::IxonCloud.catalog().rate_limit_wait(), Some(Duration::from_secs(600)));
    /// assert_eq!(Vendor::Adp.catalog().rate_limit_wait(), None);
    /// ```
    pub const fn rate_limit_wait(&self) -> Option<Duration> {
        match (self.def.rate_limit_wait_s, self.def.base) {
            (Some(s), _) => Some(Duration::from_secs(s as u64)),
            (None, Some(base)) => base.rate_limit_wait(),
            (None, None) => None,
        }
    }

    /// What this catalog's spec says about response heads: its
    /// [`trace_headers`](Self::trace_headers), its documented wait after a 429
    /// ([`rate_limit_wait`](Self::rate_limit_wait)), and each entry's documented wait
    /// ([`Entry::documented_wait`]), as [`classify_response`](Self::classify_response) uses
    /// them. A catalog that extends a built-in one has that one's rules too.
    pub fn head_rules(&'static self) -> HeadRules<'static> {
        HeadRules::new()
            .trace_headers(self.trace_headers())
            .rate_limited_wait(self.rate_limit_wait())
            .entry_wait(|code| code.entry().documented_wait())
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

    /// The entry whose [`key`](crate::Entry::key) is `key`: its code exactly, or the id of an
    /// entry without a code. What a `Code` enum deserializes with; aliases and the ids of
    /// entries that have a code are not keys.
    ///
    /// ```
    /// use errcat::Vendor;
    /// let iris = Vendor::IrisHr.catalog();
    /// assert!(iris.from_key("500-001-00014").is_some());
    /// assert!(iris.from_key("500-001-0014").is_none()); // an alias
    /// ```
    pub fn from_key(&'static self, key: &str) -> Option<ErrorCode> {
        match self.lookup_code(key) {
            Some(c) if c.code() == Some(key) => Some(c),
            Some(_) => None,
            None => self
                .at(self.def.ids.get(key)?)
                .filter(|c| c.code().is_none()),
        }
    }

    /// The entry with this id.
    pub(crate) fn by_id(&'static self, id: &str) -> Option<ErrorCode> {
        self.at(self.def.ids.get(id)?)
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
    /// whether the vendor documents it. A catalog that `extends` a built-in one inherits that
    /// vendor's statuses; its own spec's rows take precedence.
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
        let base: &[StatusDef] = self.def.base.map_or(&[], |b| b.def.statuses);
        let documented = self
            .def
            .statuses
            .iter()
            .chain(base)
            .find(|s| s.status == status);
        match documented {
            Some(s) => (s.category, s.action, reason, true),
            None => (category, action, reason, false),
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

    /// Classifies a whole response of this vendor, head and body: see
    /// [`classify_response`](crate::classify_response), which is this method on a built-in
    /// vendor's catalog. The catalog's [`head_rules`](Self::head_rules) apply.
    ///
    /// ```
    /// use errcat::Vendor;
    /// let body = br#"{"error":"invalid_request","error_description":"proper client ssl certificate was not presented"}"#;
    /// let c = Vendor::Adp.catalog().classify_response(401, [("adp-correlationid", "7a3c-11")], body);
    /// assert_eq!(c.trace_id(), Some("7a3c-11"));
    /// ```
    pub fn classify_response<I>(
        &'static self,
        status: u16,
        headers: I,
        body: &[u8],
    ) -> Classification
    where
        I: IntoIterator,
        I::Item: HeaderField,
    {
        self.classify_response_with(status, headers, body, &self.head_rules(), SystemTime::now())
    }

    /// [`classify_response`](Self::classify_response) with other [`HeadRules`] (for example
    /// the catalog's own, [`head_rules`](Self::head_rules), with more trace headers) and
    /// the time the response arrived, for HTTP-dates and epoch reset times.
    pub fn classify_response_with<I>(
        &'static self,
        status: u16,
        headers: I,
        body: &[u8],
        rules: &HeadRules<'_>,
        now: SystemTime,
    ) -> Classification
    where
        I: IntoIterator,
        I::Item: HeaderField,
    {
        let head = head::Head::read(headers, rules.trace_header_names(), now);
        head::with_head(self.classify(status, body), &head, rules)
    }

    /// The classification of a request to this vendor that got no response: see
    /// [`network_failure`](crate::network_failure).
    pub fn network_failure(&'static self, failure: NetworkFailure, detail: &str) -> Classification {
        Classification::no_response(self, failure.title(), detail)
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

/// A built-in vendor's catalog, so that what takes any `&'static Catalog` (the adapters, the
/// retry policy) takes a [`Vendor`] as well.
impl From<Vendor> for &'static Catalog {
    fn from(vendor: Vendor) -> Self {
        vendor.catalog()
    }
}
