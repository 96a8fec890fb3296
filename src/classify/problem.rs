//! RFC 9457 / RFC 7807 problem documents, read the same way for every vendor: `type`,
//! `title`, `status`, `detail`, `instance`, and the extension members `code` / `errorCode`
//! (the vendor's code), `traceId` (the id to quote) and `errors` (field errors, ASP.NET's
//! object or a list). `detail` is the vendor's message; the title is only a fallback for it,
//! since it is usually the status's reason phrase.
//!
//! Lerian's newer services and IRIS's ASP.NET API answer this way; a gateway in front of
//! any vendor may too. Each reader gathers these members from its own struct into a
//! [`Problem`] (the members are few, and one derived struct per envelope stays cheaper than a
//! flattened one) and hands it to [`read`]; a reader for a new envelope does the same.

use super::de::FieldErrors;
use super::matching::resolve;
use super::sink::{Sink, Wire};

/// The members of a problem document, as a reader found them.
#[derive(Clone, Copy, Default)]
pub(crate) struct Problem<'b> {
    pub(crate) kind: Option<&'b str>,
    pub(crate) title: Option<&'b str>,
    pub(crate) status: Option<&'b str>,
    pub(crate) detail: Option<&'b str>,
    pub(crate) instance: Option<&'b str>,
    /// `code`, else `errorCode`.
    pub(crate) code: Option<&'b str>,
    /// `traceId`, else `trace_id`.
    pub(crate) trace: Option<&'b str>,
    pub(crate) errors: Option<&'b FieldErrors<'b>>,
}

impl<'b> Problem<'b> {
    /// Whether these members make a problem document: a message (`detail`, or a field error)
    /// or a code, beside one of the members that say "problem" (`type`, `title`, `status`,
    /// `instance`).
    pub(crate) fn is_problem(&self) -> bool {
        let framed = self.kind.is_some()
            || self.title.is_some()
            || self.status.is_some()
            || self.instance.is_some();
        framed && (self.message().is_some() || self.code.is_some())
    }

    /// The vendor's message: `detail`, else the first field error's message.
    pub(crate) fn message(&self) -> Option<&'b str> {
        self.detail
            .or_else(|| self.errors.and_then(FieldErrors::message))
    }
}

/// Reads one problem document into `sink` as one error: its code through the catalog, else
/// its message, else its title; the trace id from `traceId`.
pub(crate) fn read(sink: &mut Sink, p: &Problem<'_>) {
    sink.trace(p.trace);
    sink.envelope();
    let message = p.message().map(str::trim);
    let code = p.code.map(str::trim);
    let hit = resolve(sink.catalog, sink.status, code, message, p.title);
    sink.push(
        hit,
        Wire {
            code,
            name: None,
            message: message.or(p.title),
            property: p.errors.and_then(FieldErrors::field),
        },
    );
}
