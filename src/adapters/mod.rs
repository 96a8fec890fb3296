//! Integrations (DESIGN.md layer 4), each behind its own cargo feature so that the default
//! build keeps its three dependencies:
//!
//! | module | feature | what |
//! |---|---|---|
//! | [`http`](self) | `http` | classify an `http::Response<B>` or a `HeaderMap` with its body |
//! | [`reqwest`](self) | `reqwest` | read a `reqwest::Response` up to a size limit and classify it; classify transport errors as `network`; send with the retry policy applied |
//! | [`tower`](self) | `tower` | a `tower::retry::Policy` driven by the classification and the retry policy |
//! | [`problem`](self) | `problem` | an RFC 9457 `application/problem+json` document for a classification |

#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "problem")]
pub mod problem;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "tower")]
pub mod tower;

/// The clock an adapter reads "now" from, for HTTP-dates and epoch reset times: the system
/// clock unless a test fixes it.
#[cfg(any(feature = "reqwest", feature = "tower"))]
#[derive(Clone)]
pub(crate) struct Clock(std::sync::Arc<dyn Fn() -> std::time::SystemTime + Send + Sync>);

#[cfg(any(feature = "reqwest", feature = "tower"))]
impl Clock {
    pub(crate) fn system() -> Clock {
        Clock(std::sync::Arc::new(std::time::SystemTime::now))
    }
    pub(crate) fn from_fn(f: impl Fn() -> std::time::SystemTime + Send + Sync + 'static) -> Clock {
        Clock(std::sync::Arc::new(f))
    }
    pub(crate) fn now(&self) -> std::time::SystemTime {
        (self.0)()
    }
}

#[cfg(any(feature = "reqwest", feature = "tower"))]
impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

/// An error and its sources, joined by `: ` (reqwest's own `Display` stops at the top level,
/// where "error sending request" says nothing of a reset or a refused connection).
#[cfg(any(feature = "reqwest", feature = "tower"))]
pub(crate) fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = error.to_string();
    let mut next = error.source();
    for _ in 0..16 {
        let Some(e) = next else { break };
        let text = e.to_string();
        if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        next = e.source();
    }
    out
}
