//! Akamai Identity Cloud (Registration / Capture API): `{"stat":"error","code":…,"error":…,
//! "error_description":…,"request_token":…}`, mostly with HTTP 200; `"stat":"ok"` is a
//! success, but bulk endpoints nest per-record errors in `results[]`. OAuth endpoints put the
//! OAuth name in `error` and the registration name in `sub_error`. Codes arrive as numbers or
//! strings; an undocumented code falls to the x0 / x00 catch-all. Other Akamai APIs' shapes
//! (`{"stat":"fail","err":{…}}`, `{"errors":"…"}`, `{"message":"…"}`) are fallbacks.

use serde::Deserialize;

use super::de::{List, Obj, Text};
use super::matching::{by_error, with_code, Hit};
use super::sink::Sink;
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
            sink.unmatched(code, msg, None);
        }
        _ if b.code.get().is_some() && b.error.get().is_some() => {
            sink.envelope();
            registration_error(sink, &b);
        }
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

fn registration_error(sink: &mut Sink, b: &Body<'_>) {
    let description = b.error_description.get().or(b.message.get());
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
    sink.push(hit, wire, description.or(b.error.get()), None);
}
