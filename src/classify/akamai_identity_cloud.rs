//! Akamai Identity Cloud (Registration / Capture API): `{"stat":"error","code":…,"error":…,
//! "error_description":…,"request_token":…}`, mostly with HTTP 200; `"stat":"ok"` is a
//! success, but bulk endpoints nest per-record errors in `results[]`. OAuth endpoints put the
//! OAuth name in `error` and the registration name in `sub_error`. Codes arrive as numbers or
//! strings; an undocumented code falls to the x0 / x00 catch-all. Other Akamai APIs' shapes
//! (`{"stat":"fail","err":{…}}`, `{"errors":"…"}`, `{"message":"…"}`) are fallbacks.

use serde::Deserialize;

use super::de::{List, Obj, Text};
use super::matching::{by_error, with_code, Hit};
use super::problem::{self, Problem};
use super::sink::{Sink, Wire};
use crate::MatchKind;

#[derive(Deserialize, Default)]
struct Body<'a> {
    #[serde(default, borrow)]
    stat: Text<'a>,
    #[serde(default, borrow)]
    code: Text<'a>,
    #[serde(default, borrow)]
    error: Text<'a>,
    #[serde(default, borrow)]
    sub_error: Text<'a>,
    #[serde(default, borrow)]
    error_description: Text<'a>,
    #[serde(default, borrow)]
    message: Text<'a>,
    #[serde(default, borrow)]
    request_token: Text<'a>,
    #[serde(default, borrow)]
    request_id: Text<'a>,
    #[serde(default, borrow)]
    results: List<Body<'a>>,
    #[serde(default, borrow)]
    err: Obj<SocialErr<'a>>,
    #[serde(default, borrow)]
    errors: Text<'a>,
    // Problem documents from gateways and newer APIs.
    #[serde(default, borrow)]
    title: Text<'a>,
    #[serde(default, borrow)]
    detail: Text<'a>,
    #[serde(default, borrow)]
    status: Text<'a>,
    #[serde(default, borrow, rename = "type")]
    kind: Text<'a>,
    #[serde(default, borrow, rename = "traceId")]
    trace_id: Text<'a>,
}

#[derive(Deserialize, Default)]
struct SocialErr<'a> {
    #[serde(default, borrow)]
    code: Text<'a>,
    #[serde(default, borrow)]
    msg: Text<'a>,
}

pub(super) fn from_json(sink: &mut Sink, body: &[u8]) -> Result<(), serde_json::Error> {
    // Boxed: serde would otherwise move the whole struct through several return values.
    let Obj(Some(b)) = serde_json::from_slice::<Obj<Box<Body<'_>>>>(body)? else {
        return Ok(());
    };
    sink.trace(b.request_token.get().or(b.request_id.get()));
    match b.stat.get().map(str::trim) {
        Some(s) if s.eq_ignore_ascii_case("error") => {
            sink.envelope();
            registration_error(sink, &b);
        }
        Some(s) if s.eq_ignore_ascii_case("ok") => {
            for r in b.results.iter() {
                if r.stat
                    .get()
                    .is_some_and(|s| s.trim().eq_ignore_ascii_case("error"))
                {
                    sink.envelope();
                    sink.trace(r.request_token.get().or(r.request_id.get()));
                    registration_error(sink, r);
                }
            }
        }
        Some(s) if s.eq_ignore_ascii_case("fail") => {
            // Social Login: its codes are not the Registration codes of the catalog.
            sink.envelope();
            let err = b.err.get();
            let code = err.and_then(|e| e.code.get());
            let msg = err.and_then(|e| e.msg.get()).or(b.message.get());
            sink.push(
                None,
                Wire {
                    code,
                    message: msg,
                    ..Wire::default()
                },
            );
        }
        _ if b.code.get().is_some() && b.error.get().is_some() => {
            sink.envelope();
            registration_error(sink, &b);
        }
        _ if problem_of(&b).is_problem() => problem::read(sink, &problem_of(&b)),
        _ if sink.status >= 400 => {
            sink.detail(
                b.errors
                    .get()
                    .or(b.error_description.get())
                    .or(b.message.get())
                    .or(b.error.get()),
            );
        }
        _ => {}
    }
    Ok(())
}

/// The members of a problem document, for bodies that are not Registration errors.
fn problem_of<'b>(b: &'b Body<'_>) -> Problem<'b> {
    Problem {
        kind: b.kind.get(),
        title: b.title.get(),
        status: b.status.get(),
        detail: b.detail.get(),
        trace: b.trace_id.get(),
        ..Problem::default()
    }
}

fn registration_error(sink: &mut Sink, b: &Body<'_>) {
    // Flow errors (540 `triggered_error`) carry the flow's own `message` beside the generic
    // `error_description` of the code: the flow's is the more specific; elsewhere `message`
    // stands in for a missing `error_description`.
    let description = b.message.get().or(b.error_description.get());
    let code = b.code.get().map(str::trim);
    let catalog = sink.catalog;
    let hit = match code.and_then(|c| catalog.resolve(c)) {
        Some((entry, kind)) => Some(with_code(catalog, entry, kind, description)),
        // No usable code: the registration name (`sub_error` on OAuth endpoints, else
        // `error`) names the entry. A code that is present but unknown stays a fallback.
        None if code.is_none() => [b.sub_error.get(), b.error.get()]
            .into_iter()
            .flatten()
            .find_map(|name| by_error(catalog, name))
            .map(|code| Hit {
                code,
                kind: MatchKind::Exact,
                params: Vec::new(),
            }),
        None => None,
    };
    let wire = code.or(b.sub_error.get()).or(b.error.get());
    sink.push(
        hit,
        Wire {
            code: wire,
            name: b.error.get(),
            message: description.or(b.error.get()),
            property: None,
        },
    );
}
