//! What the classifier returns: [`Classification`] (one response) and its [`FoundError`]s,
//! how each matched ([`MatchKind`]) and how the body was read ([`BodyKind`]), with the JSON
//! shape of `errcat classify --json`.

use std::borrow::Cow;
use std::time::Duration;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::escape::{cap, MAX_ID, MAX_KEPT};
use super::matching::Hit;
use crate::{Action, Catalog, Category, ErrorCode, Vendor};

/// How a wire error was matched to the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MatchKind {
    /// The vendor's code, machine string or message without placeholders names the entry.
    Exact,
    /// The vendor's message matched the entry's message template; the placeholders' values
    /// are in [`FoundError::params`].
    Template,
    /// The code is not documented, and the vendor's catch-all rule gave the entry (Akamai: a
    /// multiple of 10 or 100 stands for the codes below it).
    CatchAll,
    /// No entry matched: category and action come from the HTTP status: what the vendor
    /// documents for it (the spec header's `statuses`) where it does, else the generic table.
    Fallback,
    /// Category and action were inferred by one of the rules in [`RULES`](crate::RULES),
    /// named by [`FoundError::rule`] (`rule` in the JSON): from the vendor's message or its
    /// OAuth error name where no entry matched, or because the response contradicts the
    /// entry its code names (a code documented as "invalid token" sent with a 403 or 422).
    /// [`FoundError::code`] is that entry when there is one, kept for reference.
    Inferred,
}

impl MatchKind {
    /// Every match kind.
    pub const ALL: &'static [MatchKind] = &[
        MatchKind::Exact,
        MatchKind::Template,
        MatchKind::CatchAll,
        MatchKind::Fallback,
        MatchKind::Inferred,
    ];

    /// The snake_case name: `exact`, `template`, `catch_all`, `fallback`, `inferred`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Template => "template",
            MatchKind::CatchAll => "catch_all",
            MatchKind::Fallback => "fallback",
            MatchKind::Inferred => "inferred",
        }
    }
}

crate::__named_enum!(MatchKind, "match kind", as_str);

/// How the body was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyKind {
    /// JSON holding one of the vendor's error envelopes.
    Json,
    /// JSON, but not an error envelope of the vendor (a success body, or an envelope this
    /// crate does not know).
    NotAnError,
    /// Text that is not JSON (IRIS's prose, Lerian's plain `Forbidden`).
    NotJson,
    /// An HTML page, usually a gateway's (nginx `504 Gateway Time-out`).
    Html,
    /// Nothing, or only whitespace.
    Empty,
    /// Not known: the classification was read back from its JSON, which does not record how
    /// the body was read.
    NotRecorded,
}

impl BodyKind {
    /// Every body kind.
    pub const ALL: &'static [BodyKind] = &[
        BodyKind::Json,
        BodyKind::NotAnError,
        BodyKind::NotJson,
        BodyKind::Html,
        BodyKind::Empty,
        BodyKind::NotRecorded,
    ];

    /// The snake_case name: `json`, `not_an_error`, `not_json`, `html`, `empty`,
    /// `not_recorded`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            BodyKind::Json => "json",
            BodyKind::NotAnError => "not_an_error",
            BodyKind::NotJson => "not_json",
            BodyKind::Html => "html",
            BodyKind::Empty => "empty",
            BodyKind::NotRecorded => "not_recorded",
        }
    }
}

crate::__named_enum!(BodyKind, "body kind", as_str);

/// One error found in a response.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FoundError {
    code: Option<ErrorCode>,
    // Borrowed from the catalog when the body's text equals the entry's own, as it usually
    // does: three allocations per error were a tenth of classifying a small body.
    wire_code: Option<Cow<'static, str>>,
    title: &'static str,
    category: Category,
    action: Action,
    match_kind: MatchKind,
    params: Vec<(&'static str, String)>,
    detail: Option<Cow<'static, str>>,
    property: Option<Cow<'static, str>>,
    rule: Option<&'static str>,
}

impl FoundError {
    /// The catalog entry; `None` for a [`MatchKind::Fallback`].
    #[must_use]
    pub fn code(&self) -> Option<ErrorCode> {
        self.code
    }
    /// The code as the body sent it (`500-001-0014`, `343`, ADP's `invalid_request`), capped.
    #[must_use]
    pub fn wire_code(&self) -> Option<&str> {
        self.wire_code.as_deref()
    }
    /// The code to show: the entry's documented code for an exact or template match, else
    /// the wire code (for an inferred error too: the wire code is what the response said).
    /// This is the `code` of `errcat classify --json`.
    #[must_use]
    pub fn label(&self) -> Option<&str> {
        match (self.match_kind, self.code.and_then(|c| c.code())) {
            (MatchKind::Exact | MatchKind::Template, Some(code)) => Some(code),
            _ => self.wire_code.as_deref(),
        }
    }
    /// The entry's title, or for a fallback the HTTP status's reason phrase. An inferred
    /// error keeps the title of the entry its code named (for reference: its category and
    /// action are the rule's), else the reason phrase.
    #[must_use]
    pub fn title(&self) -> &'static str {
        self.title
    }
    /// What went wrong.
    #[must_use]
    pub fn category(&self) -> Category {
        self.category
    }
    /// What the caller should do next.
    #[must_use]
    pub fn action(&self) -> Action {
        self.action
    }
    /// Whether the same request, unchanged, may succeed later.
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.action.is_retryable()
    }
    /// How the error was matched.
    #[must_use]
    pub fn match_kind(&self) -> MatchKind {
        self.match_kind
    }
    /// The values a message template captured, by placeholder name (`arg1`, `internalMaxTop`).
    #[must_use]
    pub fn params(&self) -> &[(&'static str, String)] {
        &self.params
    }
    /// The vendor's own message, trimmed and capped at 1024 bytes. It is untrusted text:
    /// escape it before logging (as [`ApiError`](crate::ApiError)'s `Display` does).
    #[must_use]
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }
    /// The field or header the error names (IXON's `propertyName`), capped.
    #[must_use]
    pub fn property(&self) -> Option<&str> {
        self.property.as_deref()
    }
    /// For a [`MatchKind::Inferred`] error, how it was inferred: the id of a rule in
    /// [`RULES`](crate::RULES), or `status_disagrees` when the entry the code names asks for
    /// new credentials and the response's status rules that out, so the vendor's documented
    /// behaviour for the status (else the generic table) decides. `None` for other kinds.
    pub fn rule(&self) -> Option<&'static str> {
        self.rule
    }

    /// `self`, its category and action replaced by an inference.
    pub(crate) fn inferred(
        mut self,
        category: Category,
        action: Action,
        rule: &'static str,
    ) -> Self {
        self.category = category;
        self.action = action;
        self.match_kind = MatchKind::Inferred;
        self.params.clear();
        self.rule = Some(rule);
        self
    }

    pub(crate) fn from_hit(
        hit: Hit,
        wire_code: Option<&str>,
        detail: Option<&str>,
        property: Option<&str>,
    ) -> Self {
        let e = hit.code.entry();
        let message = e.message().filter(|t| !t.has_params()).map(|t| t.text());
        FoundError {
            code: Some(hit.code),
            wire_code: wire_code.map(|c| keep(c, MAX_ID, &[e.code(), e.error()])),
            title: e.title(),
            category: e.category(),
            action: e.action(),
            match_kind: hit.kind,
            params: hit.params,
            detail: detail.map(|d| keep(d, MAX_KEPT, &[message])),
            property: property.map(|p| keep(p, MAX_ID, &[e.property()])),
            rule: None,
        }
    }

    pub(crate) fn fallback(
        catalog: &Catalog,
        status: u16,
        wire_code: Option<&str>,
        detail: Option<&str>,
        property: Option<&str>,
    ) -> Self {
        let (category, action, reason, _) = catalog.status_behaviour(status);
        FoundError {
            code: None,
            wire_code: wire_code.map(|c| Cow::Owned(cap(c, MAX_ID))),
            title: reason,
            category,
            action,
            match_kind: MatchKind::Fallback,
            params: Vec::new(),
            detail: detail.map(|d| Cow::Owned(cap(d, MAX_KEPT))),
            property: property.map(|p| Cow::Owned(cap(p, MAX_ID))),
            rule: None,
        }
    }
}

/// `cap(text, max)`, borrowed from the catalog when it equals one of `known`.
fn keep(text: &str, max: usize, known: &[Option<&'static str>]) -> Cow<'static, str> {
    let t = text.trim();
    match known.iter().flatten().find(|k| **k == t && k.len() <= max) {
        Some(k) => Cow::Borrowed(k),
        None => Cow::Owned(cap(t, max)),
    }
}

/// Which of two actions to take first when a response holds several errors: a retry cannot
/// help while any error needs a change, so non-retryable actions come first, credentials and
/// configuration before the request itself. No wildcard arm: a new action must be placed.
fn urgency(action: Action) -> u8 {
    match action {
        Action::FixClientConfiguration => 0,
        Action::Reauthenticate => 1,
        Action::RefreshAccessToken => 2,
        Action::RequestAccess => 3,
        Action::FixRequest => 4,
        Action::HandleInApplication => 5,
        Action::ContactVendor => 6,
        Action::WaitForQuotaReset => 7,
        Action::RetryWithBackoff => 8,
    }
}

/// What [`classify`](crate::classify) found in one response.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Classification {
    pub(crate) catalog: &'static Catalog,
    pub(crate) status: u16,
    pub(crate) trace_id: Option<String>,
    pub(crate) errors: Vec<FoundError>,
    pub(crate) body: BodyKind,
    pub(crate) retry_after: Option<Duration>,
}

impl Classification {
    /// The catalog the body was classified with.
    #[must_use]
    pub fn catalog(&self) -> &'static Catalog {
        self.catalog
    }
    /// The built-in vendor the body came from (or the one its catalog extends).
    #[must_use]
    pub fn vendor(&self) -> Option<Vendor> {
        self.catalog.vendor()
    }
    /// The HTTP status given to [`classify`](crate::classify); 0 when no response arrived
    /// ([`network_failure`](crate::network_failure)).
    #[must_use]
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The id to quote to the vendor (IRIS `log_trace`, Akamai `request_token` /
    /// `request_id`, ADP `confirmMessageID`, `adp-correlationID`, `requestResponseId`).
    #[must_use]
    pub fn trace_id(&self) -> Option<&str> {
        self.trace_id.as_deref()
    }
    /// Every error found, in body order (at most 100); empty when the response is not an error.
    #[must_use]
    pub fn errors(&self) -> &[FoundError] {
        &self.errors
    }
    /// How the body was read.
    #[must_use]
    pub fn body_kind(&self) -> BodyKind {
        self.body
    }
    /// Whether the response is an error: any status from 400 up, or a body that says so
    /// (Akamai's `"stat":"error"` with HTTP 200).
    #[must_use]
    pub fn is_error(&self) -> bool {
        !self.errors.is_empty()
    }
    /// The first error of the body.
    #[must_use]
    pub fn primary(&self) -> Option<&FoundError> {
        self.errors.first()
    }
    /// The action to take first over all errors (see [`Action`]); `None` when there is no error.
    #[must_use]
    pub fn action(&self) -> Option<Action> {
        self.errors
            .iter()
            .map(|e| e.action)
            .min_by_key(|&a| urgency(a))
    }
    /// Whether sending the same request again may succeed: every error is retryable.
    pub fn is_retryable(&self) -> bool {
        self.is_error() && self.errors.iter().all(FoundError::is_retryable)
    }
    /// The [`ApiError`](crate::ApiError) for this response, or `None` when it is not an error.
    #[must_use]
    pub fn into_error(self) -> Option<crate::ApiError> {
        crate::ApiError::try_from(self).ok()
    }
    /// How long to wait before sending the request again, when something says: the
    /// response's headers, else a wait the catalog documents (see
    /// [`classify_response`](crate::classify_response)). Always `None` from
    /// [`classify`](crate::classify), which sees no headers.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
    /// A request that got no response (a timeout, a reset connection): one error of category
    /// `network`, retryable, with `title` saying what happened and the transport's message as
    /// its detail. The status is 0, which no response has.
    pub(crate) fn no_response(
        catalog: &'static Catalog,
        title: &'static str,
        detail: &str,
    ) -> Self {
        let detail = Some(detail.trim()).filter(|d| !d.is_empty());
        Classification {
            catalog,
            status: 0,
            trace_id: None,
            errors: vec![FoundError {
                code: None,
                wire_code: None,
                title,
                category: Category::Network,
                action: Action::RetryWithBackoff,
                match_kind: MatchKind::Fallback,
                params: Vec::new(),
                detail: detail.map(|d| Cow::Owned(cap(d, MAX_KEPT))),
                property: None,
                rule: None,
            }],
            body: BodyKind::Empty,
            retry_after: None,
        }
    }
    /// Adds what the response head says: a trace id from a header, kept only when the body
    /// gave none (the body's id is the one the vendor wrote next to the error), and the
    /// retry delay.
    pub(crate) fn with_head(
        mut self,
        trace_id: Option<&str>,
        retry_after: Option<Duration>,
    ) -> Self {
        if self.trace_id.is_none() {
            self.trace_id = trace_id
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| cap(t, MAX_ID));
        }
        self.retry_after = retry_after;
        self
    }
}

/// Serializes to the `errcat classify --json` object: `vendor` (the catalog's id), `status`,
/// `trace_id`, `retry_after_s`, `errors`.
impl Serialize for Classification {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Classification", 5)?;
        st.serialize_field("vendor", self.catalog.id())?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("trace_id", &self.trace_id)?;
        st.serialize_field("retry_after_s", &self.retry_after.map(whole_seconds))?;
        st.serialize_field("errors", &self.errors)?;
        st.end()
    }
}

/// A delay as the whole seconds of `retry_after_s`, rounded up: waiting a fraction of a
/// second less than asked could be too early.
fn whole_seconds(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// One element of `errors` in `errcat classify --json`.
impl Serialize for FoundError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Params<'a>(&'a [(&'static str, String)]);
        impl Serialize for Params<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for (k, v) in self.0 {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
        let mut st = s.serialize_struct("FoundError", 9 + usize::from(self.rule.is_some()))?;
        st.serialize_field("id", &self.code.map(|c| c.id()))?;
        st.serialize_field("code", &self.label())?;
        st.serialize_field("title", self.title)?;
        st.serialize_field("category", &self.category)?;
        st.serialize_field("action", &self.action)?;
        st.serialize_field("retryable", &self.is_retryable())?;
        st.serialize_field("match", &self.match_kind)?;
        st.serialize_field("params", &Params(&self.params))?;
        st.serialize_field("detail", &self.detail)?;
        // Only inferred errors have it, so every other error's object is unchanged.
        if let Some(rule) = self.rule {
            st.serialize_field("rule", rule)?;
        }
        st.end()
    }
}

/// The `errcat classify --json` object, as read back.
#[derive(Deserialize)]
struct ClassificationJson {
    vendor: String,
    status: u16,
    trace_id: Option<String>,
    retry_after_s: Option<u64>,
    errors: Vec<FoundErrorJson>,
}

/// One element of its `errors`.
#[derive(Deserialize)]
struct FoundErrorJson {
    id: Option<String>,
    code: Option<String>,
    title: String,
    category: Category,
    action: Action,
    retryable: bool,
    #[serde(rename = "match")]
    match_kind: MatchKind,
    params: ParamsJson,
    detail: Option<String>,
    /// Present on inferred errors only.
    #[serde(default)]
    rule: Option<String>,
}

/// `params`, in the order the object lists them (the template's order).
struct ParamsJson(Vec<(String, String)>);

impl<'de> Deserialize<'de> for ParamsJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ParamsJson;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of captured template parameters")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ParamsJson, A::Error> {
                let mut params = Vec::new();
                while let Some(entry) = map.next_entry::<String, String>()? {
                    params.push(entry);
                }
                Ok(ParamsJson(params))
            }
        }
        d.deserialize_map(V)
    }
}

/// Reads the `errcat classify --json` object back (DESIGN.md's contract, as `Serialize`
/// writes it), for a built-in vendor: serializing the result gives the same JSON.
///
/// The JSON does not carry everything a fresh classification knows: [`body_kind`] is
/// [`BodyKind::NotRecorded`], [`property`] is `None`, and [`wire_code`] is the JSON's `code`
/// only where that is the wire's (a catch-all or fallback match, or an entry without a code).
/// Every entry, id and parameter name is checked against the catalog: JSON that names an
/// unknown one, or contradicts the catalog (a title, a category, an action, `retryable`), is
/// an error, not a guess.
///
/// [`body_kind`]: Classification::body_kind
/// [`property`]: FoundError::property
/// [`wire_code`]: FoundError::wire_code
///
/// ```
/// use errcat::{Classification, Vendor};
/// let c = errcat::classify(Vendor::AkamaiIdentityCloud, 200,
///     br#"{"stat":"error","code":414,"error":"access_token_expired","request_token":"t1"}"#);
/// let json = serde_json::to_string(&c).unwrap();
/// let back: Classification = serde_json::from_str(&json).unwrap();
/// assert_eq!(serde_json::to_string(&back).unwrap(), json);
/// assert_eq!(back.errors()[0].code(), c.errors()[0].code());
/// ```
impl<'de> Deserialize<'de> for Classification {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let json = ClassificationJson::deserialize(d)?;
        let vendor: Vendor = json.vendor.parse().map_err(de::Error::custom)?;
        let catalog = vendor.catalog();
        let errors = json
            .errors
            .into_iter()
            .map(|e| found_error(catalog, json.status, e))
            .collect::<Result<Vec<_>, String>>()
            .map_err(de::Error::custom)?;
        Ok(Classification {
            catalog,
            status: json.status,
            trace_id: json.trace_id,
            errors,
            body: BodyKind::NotRecorded,
            retry_after: json.retry_after_s.map(Duration::from_secs),
        })
    }
}

/// One `errors` element against `catalog`; the message says what does not fit.
fn found_error(
    catalog: &'static Catalog,
    status: u16,
    e: FoundErrorJson,
) -> Result<FoundError, String> {
    if e.retryable != e.action.is_retryable() {
        return Err(format!(
            "`retryable` is {} but action `{}` is {}retryable",
            e.retryable,
            e.action,
            if e.action.is_retryable() { "" } else { "not " }
        ));
    }
    let rule = match (e.match_kind, e.rule.as_deref()) {
        (MatchKind::Inferred, Some(name)) => Some(
            super::rules::rule_name(name)
                .ok_or_else(|| format!("`{name}` is not the name of an inference rule"))?,
        ),
        (MatchKind::Inferred, None) => return Err("an inferred error names its `rule`".into()),
        (kind, Some(name)) => return Err(format!("a `{kind}` match has no rule, not `{name}`")),
        (_, None) => None,
    };
    if e.match_kind == MatchKind::Inferred && !e.params.0.is_empty() {
        return Err("an inferred error captured no parameters".to_string());
    }
    let (code, title, wire_code, params) = match (e.match_kind, &e.id) {
        (MatchKind::Fallback, Some(id)) => {
            return Err(format!("a fallback has no entry, but `id` is `{id}`"))
        }
        (MatchKind::Fallback, None) => {
            if !e.params.0.is_empty() {
                return Err("a fallback captured no parameters".to_string());
            }
            // Status 0: no response arrived, and the title says what happened instead.
            let reason = if status == 0 {
                use crate::NetworkFailure as N;
                N::ALL
                    .iter()
                    .map(|f| f.title())
                    .find(|t| *t == e.title)
                    .unwrap_or("a network failure's title")
            } else {
                catalog.status_behaviour(status).2
            };
            (None, reason, e.code.map(Cow::Owned), Vec::new())
        }
        // Inferred from the message or the status alone: no entry, the reason phrase.
        (MatchKind::Inferred, None) => (
            None,
            catalog.status_behaviour(status).2,
            e.code.map(Cow::Owned),
            Vec::new(),
        ),
        (_, None) => return Err(format!("a `{}` match needs an entry `id`", e.match_kind)),
        (kind, Some(id)) => {
            let code = catalog
                .by_id(id)
                .ok_or_else(|| format!("`{id}` is not an entry id of {}", catalog.name()))?;
            let entry = code.entry();
            // An inferred error keeps the entry its code named, with the rule's answer.
            if kind != MatchKind::Inferred
                && (entry.category(), entry.action()) != (e.category, e.action)
            {
                return Err(format!(
                    "entry `{id}` is {} / {}, not {} / {}",
                    entry.category(),
                    entry.action(),
                    e.category,
                    e.action
                ));
            }
            // `code` is the wire's where `label()` shows the wire code.
            let wire = match (kind, entry.code()) {
                (MatchKind::Exact | MatchKind::Template, Some(documented)) => {
                    if e.code.as_deref() != Some(documented) {
                        return Err(format!(
                            "entry `{id}`'s code is `{documented}`, not {:?}",
                            e.code
                        ));
                    }
                    None
                }
                _ => e.code.map(Cow::Owned),
            };
            let names: Vec<&'static str> = entry
                .message()
                .map(|m| m.params().collect())
                .unwrap_or_default();
            let mut params = e
                .params
                .0
                .into_iter()
                .map(|(name, value)| {
                    names
                        .iter()
                        .position(|n| *n == name)
                        .map(|at| (at, names[at], value))
                        .ok_or_else(|| format!("entry `{id}`'s message has no parameter `{name}`"))
                })
                .collect::<Result<Vec<_>, String>>()?;
            // An object's keys have no order (serde_json's `Value` sorts them): the template's
            // order is the one the classifier gives.
            params.sort_by_key(|(at, _, _)| *at);
            let params = params.into_iter().map(|(_, n, v)| (n, v)).collect();
            (Some(code), entry.title(), wire, params)
        }
    };
    if e.title != title {
        return Err(format!("the title is {title:?}, not {:?}", e.title));
    }
    Ok(FoundError {
        code,
        wire_code,
        title,
        category: e.category,
        action: e.action,
        match_kind: e.match_kind,
        params,
        detail: e.detail.map(Cow::Owned),
        property: None,
        rule,
    })
}
