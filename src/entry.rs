//! The catalog entry: everything the spec says about one documented error.

use std::fmt;
use std::time::Duration;

use crate::{Action, Catalog, Category, Vendor};

/// One documented error of one catalog, as transcribed and curated in its spec.
///
/// Reach it through a catalog's `Code` or an [`ErrorCode`](crate::ErrorCode); every method
/// there reads from here. Entries live in the catalogs' statics, so two entries are equal
/// when they are the same entry.
pub struct Entry {
    def: EntryDef,
}

/// What the generator writes for one entry; see [`__private`](crate::__private).
#[doc(hidden)]
pub struct EntryDef {
    pub catalog: &'static Catalog,
    pub id: &'static str,
    pub code: Option<&'static str>,
    pub error: Option<&'static str>,
    pub property: Option<&'static str>,
    pub aliases: &'static [&'static str],
    pub http_status: Option<u16>,
    pub title: &'static str,
    pub message: Option<Template>,
    pub condition: Option<&'static str>,
    pub handling: Option<&'static str>,
    pub category: Category,
    pub action: Action,
    /// The spec's `wait_s`.
    pub wait_s: Option<u32>,
    pub notes: Option<&'static str>,
}

impl Entry {
    pub(crate) const fn new(def: EntryDef) -> Entry {
        Entry { def }
    }
    /// The catalog the entry belongs to.
    #[must_use]
    pub const fn catalog(&self) -> &'static Catalog {
        self.def.catalog
    }
    /// The built-in vendor of the entry's catalog, or the one it extends; `None` for a
    /// catalog of its own.
    #[must_use]
    pub fn vendor(&self) -> Option<Vendor> {
        self.def.catalog.vendor()
    }
    /// The stable snake_case id (the spec's `id`); the enum variant is its PascalCase form.
    #[must_use]
    pub const fn id(&self) -> &'static str {
        self.def.id
    }
    /// The vendor's code as the document writes it, if the vendor gives one.
    #[must_use]
    pub const fn code(&self) -> Option<&'static str> {
        self.def.code
    }
    /// The entry's key in its catalog, as serde writes it: its code, or its id when it has no
    /// code. Codes are unique in a catalog, and so are the ids of entries without one.
    #[must_use]
    pub const fn key(&self) -> &'static str {
        match self.def.code {
            Some(code) => code,
            None => self.def.id,
        }
    }
    /// The vendor's machine string (`access_token_expired`, OAuth `invalid_request`).
    #[must_use]
    pub const fn error(&self) -> Option<&'static str> {
        self.def.error
    }
    /// The field or header the error names (IXON's `propertyName`).
    #[must_use]
    pub const fn property(&self) -> Option<&'static str> {
        self.def.property
    }
    /// Other spellings of the code seen in real responses (`500-001-0014` for `500-001-00014`).
    #[must_use]
    pub const fn aliases(&self) -> &'static [&'static str] {
        self.def.aliases
    }
    /// The HTTP status the document gives, if it gives one.
    #[must_use]
    pub const fn http_status(&self) -> Option<u16> {
        self.def.http_status
    }
    /// The document's title for the error.
    #[must_use]
    pub const fn title(&self) -> &'static str {
        self.def.title
    }
    /// The message the vendor sends, as a template where it has placeholders.
    #[must_use]
    pub const fn message(&self) -> Option<&Template> {
        self.def.message.as_ref()
    }
    /// When the document says the error occurs.
    #[must_use]
    pub const fn condition(&self) -> Option<&'static str> {
        self.def.condition
    }
    /// What the document says to do about it.
    #[must_use]
    pub const fn handling(&self) -> Option<&'static str> {
        self.def.handling
    }
    /// What went wrong.
    #[must_use]
    pub const fn category(&self) -> Category {
        self.def.category
    }
    /// What the caller should do next.
    #[must_use]
    pub const fn action(&self) -> Action {
        self.def.action
    }
    /// Whether the same request, unchanged, may succeed later.
    #[must_use]
    pub const fn is_retryable(&self) -> bool {
        self.def.action.is_retryable()
    }
    /// Our notes on the entry: why it is curated this way, where the document is inconsistent.
    #[must_use]
    pub const fn notes(&self) -> Option<&'static str> {
        self.def.notes
    }
    /// The wait the document gives before this error's request can succeed again (the
    /// spec's `wait_s`), used by [`classify_response`](crate::classify_response) when no
    /// header gives a delay. `None` for every built-in entry today: none of the five
    /// documents states one (IRIS's daily quota gives no reset time).
    pub const fn documented_wait(&self) -> Option<Duration> {
        match self.def.wait_s {
            Some(s) => Some(Duration::from_secs(s as u64)),
            None => None,
        }
    }

    /// Whether the vendor's own document lists this entry: it belongs to one of errcat's
    /// built-in catalogs. An entry of a catalog generated in another crate is `false`, even
    /// when that catalog extends a built-in vendor.
    pub fn is_documented(&self) -> bool {
        self.def.catalog.is_builtin()
    }

    /// Where the entry comes from, in a sentence for people (`errcat explain` prints it).
    ///
    /// ```
    /// let code = errcat::lookup("AUT-1005").unwrap();
    /// assert_eq!(
    ///     code.entry().origin(),
    ///     "documented by Lerian Access Manager (https://docs.lerian.studio/reference/access-manager-error-list), entry `aut_invalid_refresh_token` of errcat's specs/lerian_access_manager.yaml"
    /// );
    /// ```
    pub fn origin(&self) -> String {
        let c = self.def.catalog;
        let id = self.def.id;
        if c.is_builtin() {
            // The public page where there is one: an installed errcat has no sources/.
            let document = c.url().or(c.source()).unwrap_or(c.spec());
            return format!(
                "documented by {} ({document}), entry `{id}` of errcat's {}",
                c.name(),
                c.spec()
            );
        }
        match c.extends() {
            Some(base) => format!(
                "not documented by {}: recorded as entry `{id}` of {} (`{}`, which extends `{}`)",
                base.name(),
                c.spec(),
                c.id(),
                base.id()
            ),
            None => format!(
                "entry `{id}` of {} (`{}`), a catalog generated outside errcat",
                c.spec(),
                c.id()
            ),
        }
    }

    /// What to tell a person to do: the document's own advice where it gives some, else the
    /// meaning of the action.
    #[must_use]
    pub fn remediation(&self) -> &'static str {
        self.def.handling.unwrap_or(self.def.action.description())
    }
    /// The name the entry goes by on the wire: its code, else its machine string, else its id.
    #[must_use]
    pub const fn label(&self) -> &'static str {
        match (self.def.code, self.def.error) {
            (Some(code), _) => code,
            (None, Some(error)) => error,
            (None, None) => self.def.id,
        }
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Entry {}

/// The catalog and id, code and title: the catalog itself would print every entry again.
impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("catalog", &self.def.catalog.id())
            .field("id", &self.def.id)
            .field("code", &self.def.code)
            .field("title", &self.def.title)
            .finish_non_exhaustive()
    }
}

/// `IRIS HR 401-001-0003: The Authorization Code has expired`.
impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.def.catalog.name(),
            self.label(),
            self.def.title
        )
    }
}

/// A message as the vendor sends it, with the placeholders the vendor fills in.
#[derive(Debug, PartialEq, Eq)]
pub struct Template {
    text: &'static str,
    segments: &'static [Segment],
}

/// A piece of a [`Template`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Text the vendor sends as is.
    Literal(&'static str),
    /// A value the vendor fills in, reported under this name.
    Param(&'static str),
}

impl Template {
    pub(crate) const fn new(text: &'static str, segments: &'static [Segment]) -> Template {
        Template { text, segments }
    }
    /// The message as the spec writes it, placeholders included (`%v`, `{internalMaxTop}`).
    #[must_use]
    pub const fn text(&self) -> &'static str {
        self.text
    }
    /// The parsed pieces.
    #[must_use]
    pub const fn segments(&self) -> &'static [Segment] {
        self.segments
    }
    /// Whether the message has placeholders.
    #[must_use]
    pub fn has_params(&self) -> bool {
        self.segments.iter().any(|s| matches!(s, Segment::Param(_)))
    }
    /// The placeholder names, in order (`%v` placeholders are named `arg1`, `arg2`, …).
    pub fn params(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param(p) => Some(*p),
            Segment::Literal(_) => None,
        })
    }

    /// Matches a filled-in message, returning each placeholder's value.
    ///
    /// Literals are found leftmost-first and never revisited, and the last literal must end
    /// the text, so matching is linear in `text` and cannot backtrack. Placeholders may capture
    /// the empty string (Go prints an empty list as nothing).
    ///
    /// ```
    /// let code = errcat::lookup("AUT-0010").unwrap();
    /// let t = code.message().unwrap();
    /// let params = t
    ///     .captures("The metadata key foo exceeds the maximum allowed length of 32 characters. Please use a shorter key.")
    ///     .unwrap();
    /// assert_eq!(params, [("arg1", "foo"), ("arg2", "32")]);
    /// ```
    #[must_use]
    pub fn captures<'t>(&self, text: &'t str) -> Option<Vec<(&'static str, &'t str)>> {
        let mut params = Vec::new();
        let mut rest = text;
        let mut segments = self.segments.iter().peekable();
        while let Some(segment) = segments.next() {
            match *segment {
                Segment::Literal(lit) => rest = rest.strip_prefix(lit)?,
                Segment::Param(name) => {
                    let value = match segments.next() {
                        None => std::mem::take(&mut rest),
                        Some(Segment::Literal(lit)) if segments.peek().is_none() => {
                            let value = rest.strip_suffix(lit)?;
                            rest = "";
                            value
                        }
                        Some(Segment::Literal(lit)) => {
                            let at = rest.find(lit)?;
                            let value = &rest[..at];
                            rest = &rest[at + lit.len()..];
                            value
                        }
                        // The generator rejects adjacent placeholders.
                        Some(Segment::Param(_)) => return None,
                    };
                    params.push((name, value));
                }
            }
        }
        rest.is_empty().then_some(params)
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

/// The JSON shape of `errcat explain --json`: `vendor` (the catalog's id), `id`, `code`,
/// `aliases`, `http_status`, `title`, `message`, `category`, `action`, `retryable`,
/// `remediation`.
impl serde::Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Entry", 11)?;
        let d = &self.def;
        st.serialize_field("vendor", d.catalog.id())?;
        st.serialize_field("id", d.id)?;
        st.serialize_field("code", &d.code)?;
        st.serialize_field("aliases", d.aliases)?;
        st.serialize_field("http_status", &d.http_status)?;
        st.serialize_field("title", d.title)?;
        st.serialize_field("message", &d.message.as_ref().map(|m| m.text))?;
        st.serialize_field("category", &d.category)?;
        st.serialize_field("action", &d.action)?;
        st.serialize_field("retryable", &self.is_retryable())?;
        st.serialize_field("remediation", self.remediation())?;
        st.end()
    }
}
