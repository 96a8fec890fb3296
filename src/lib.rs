//! A typed catalog of the error codes of five third-party APIs (IRIS HR, Lerian Access Manager,
//! Akamai Identity Cloud, IXON Cloud and ADP), and a classifier that tells you what to do with
//! any error response they send.
//!
//! The catalog is generated at build time from the YAML specs in `specs/`, which are transcribed
//! from the vendors' own documents: one module per vendor with a `Code` enum and its
//! [`Catalog`], plus the cross-vendor [`ErrorCode`], [`Category`] and [`Action`].
//!
//! ```
//! use errcat::{iris_hr, Action, Category, Vendor};
//!
//! let code = errcat::lookup("401-001-0003").expect("a documented IRIS code");
//! assert_eq!(code.to_string(), "IRIS HR 401-001-0003: The Authorization Code has expired");
//! assert_eq!(code.category(), Category::Authentication);
//! assert_eq!(code.action(), Action::Reauthenticate);
//! assert!(!code.is_retryable());
//!
//! // Aliases: real responses carry `500-001-0014` for the document's `500-001-00014`.
//! assert_eq!(errcat::lookup("500-001-0014"), errcat::lookup("500-001-00014"));
//!
//! // Per-vendor enums, for exhaustive-ish matching in your own code.
//! let iris: iris_hr::Code = "401-001-0003".parse().unwrap();
//! assert_eq!(iris.http_status(), Some(401));
//! assert_eq!(Vendor::IrisHr.codes().count(), iris_hr::Code::ALL.len());
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Generated code names errcat as `::errcat`, here as in any other crate.
extern crate self as errcat;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
pub mod adapters;
mod catalog;
mod classify;
mod code;
pub mod decide;
mod entry;
mod head;
mod names;
mod network;
mod table;
mod vendor;

/// The generated built-in part (`$OUT_DIR/errcat-builtin.rs`, from `specs/*.yaml` by
/// `errcat-codegen`): the taxonomy, the status table, `Vendor`, and one module per vendor.
/// `cargo xtask catalog` prints it for review. The allowed lints are those the generator allows
/// on every generated module (see errcat-codegen's `generated_allows`).
#[allow(clippy::unreadable_literal, clippy::doc_markdown)]
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/errcat-builtin.rs"));
}

pub use builtin::*;
pub use catalog::Catalog;
pub use classify::{
    classify, escaped, ApiError, BodyKind, Classification, FoundError, MatchKind, Rule, RULES,
};
pub use code::ErrorCode;
pub use decide::{Decision, RetryPolicy};
pub use entry::{Entry, Segment, Template};
pub use head::{
    classify_response, classify_response_with, Head, HeadRules, HeaderField, MAX_RETRY_AFTER,
};
pub use names::ParseNameError;
pub use network::{network_failure, NetworkFailure};
pub use vendor::lookup;

/// Includes a catalog that `errcat_codegen::Config::compile` generated in this crate's build
/// script: `include_catalog!("acme_billing")` gives `pub mod acme_billing { Code, CATALOG }`,
/// read from `$OUT_DIR/acme_billing.rs`.
///
/// ```ignore
/// errcat::include_catalog!("acme_billing");
///
/// let verdict = acme_billing::CATALOG.classify(402, body);
/// let code: acme_billing::Code = "ACME-402-01".parse()?;
/// ```
#[macro_export]
macro_rules! include_catalog {
    ($id:literal) => {
        include!(concat!(env!("OUT_DIR"), "/", $id, ".rs"));
    };
}

/// The README's examples, compiled and run as doctests so that they cannot drift from the API.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
