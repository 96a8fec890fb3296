//! Lerian Access Manager: `{"code":"AUT-1005","title":…,"message":…[,"fields":{…}]}`, with a
//! numeric `code` accepted too, and the RFC 9457 problem documents of its newer services
//! (`type`, `title`, `status`, `detail`, `instance`, sometimes `code`), read by the shared
//! problem reader. Plain-text bodies from its auth middleware (`Missing Token`, `Forbidden`)
//! are not this envelope: they fall back on the HTTP status (see `classify`).

use serde::Deserialize;

use super::de::{FieldErrors, Obj, Text};
use super::problem::{self, Problem};
use super::sink::Sink;

#[derive(Deserialize, Default)]
struct Body<'a> {
    #[serde(default, borrow)]
    code: Text<'a>,
    #[serde(default, borrow, rename = "errorCode")]
    error_code: Text<'a>,
    #[serde(default, borrow)]
    title: Text<'a>,
    #[serde(default, borrow)]
    message: Text<'a>,
    #[serde(default, borrow)]
    error: Text<'a>,
    #[serde(default, borrow)]
    detail: Text<'a>,
    #[serde(default, borrow, rename = "type")]
    kind: Text<'a>,
    #[serde(default, borrow)]
    status: Text<'a>,
    #[serde(default, borrow)]
    instance: Text<'a>,
    #[serde(default, borrow, rename = "traceId")]
    trace_id: Text<'a>,
    #[serde(default, borrow)]
    errors: FieldErrors<'a>,
}

pub(super) fn from_json(sink: &mut Sink, body: &[u8]) -> Result<(), serde_json::Error> {
    // Boxed: serde would otherwise move the whole struct through several return values.
    let Obj(Some(b)) = serde_json::from_slice::<Obj<Box<Body<'_>>>>(body)? else {
        return Ok(());
    };
    // `detail` is the problem document's message; `message` / `error` the older envelope's.
    let message = b.detail.get().or(b.message.get()).or(b.error.get());
    let p = Problem {
        kind: b.kind.get(),
        title: b.title.get(),
        status: b.status.get(),
        detail: message,
        instance: b.instance.get(),
        code: b.code.get().or(b.error_code.get()),
        trace: b.trace_id.get(),
        errors: Some(&b.errors),
    };
    let has_envelope = p.code.is_some() || (p.title.is_some() && message.is_some());
    if has_envelope || p.is_problem() || (sink.status >= 400 && message.is_some()) {
        problem::read(sink, &p);
    }
    Ok(())
}
