//! [`ErrorCode`], an entry of any catalog, and the methods every generated `Code` enum
//! shares with it.
//!
//! The generator emits data; the behaviour is written once, here, and stamped onto each
//! catalog's `Code` by [`catalog_code!`](crate::__private::catalog_code), so a `Code` and
//! `ErrorCode` cannot drift apart.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use crate::{Catalog, Entry, ParseNameError, Vendor};

/// An entry of any catalog: a built-in vendor's, or one generated in another crate.
///
/// A `Copy` handle on the entry; two are equal when they denote the same entry. Each
/// catalog's `Code` converts into it (`From`) and back (`TryFrom`).
#[derive(Clone, Copy)]
pub struct ErrorCode(&'static Entry);

/// Accessors that read the type's [`Entry`] through its `entry()` method.
#[doc(hidden)]
#[macro_export]
macro_rules! __entry_accessors {
    () => {
        /// The vendor's code as its document writes it (`401-001-0003`), if it has one.
        #[must_use]
        pub fn code(self) -> Option<&'static str> {
            self.entry().code()
        }
        /// The stable snake_case id of the spec entry.
        #[must_use]
        pub fn id(self) -> &'static str {
            self.entry().id()
        }
        /// What serde writes for this entry: its code, or its id when it has no code. Unique in
        /// its catalog.
        #[must_use]
        pub fn key(self) -> &'static str {
            self.entry().key()
        }
        /// The document's title for the error.
        #[must_use]
        pub fn title(self) -> &'static str {
            self.entry().title()
        }
        /// The message the vendor sends, as a template where it has placeholders.
        #[must_use]
        pub fn message(self) -> Option<&'static $crate::Template> {
            self.entry().message()
        }
        /// The HTTP status the document gives, if any.
        #[must_use]
        pub fn http_status(self) -> Option<u16> {
            self.entry().http_status()
        }
        /// What went wrong.
        #[must_use]
        pub fn category(self) -> $crate::Category {
            self.entry().category()
        }
        /// What the caller should do next.
        #[must_use]
        pub fn action(self) -> $crate::Action {
            self.entry().action()
        }
        /// Whether the same request, unchanged, may succeed later.
        #[must_use]
        pub fn is_retryable(self) -> bool {
            self.entry().is_retryable()
        }
        /// The catalog the entry belongs to.
        #[must_use]
        pub fn catalog(self) -> &'static $crate::Catalog {
            self.entry().catalog()
        }
    };
}

/// Everything a generated `Code` enum has beyond its variants and `ALL`: its entries are
/// `$entries` (the `Code` variants' order), its catalog is `$catalog`.
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_code {
    ($code:ident, $catalog:ident, $entries:ident) => {
        impl $code {
            /// The full catalog entry.
            #[must_use]
            pub fn entry(self) -> &'static $crate::Entry {
                &$entries[self as usize]
            }

            $crate::__private::entry_accessors!();
        }

        /// Serializes as [`key`](Self::key): the entry's code, or its id when it has none.
        impl $crate::__private::serde::Serialize for $code {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        /// Deserializes exactly what `Serialize` writes: an entry's code, or the id of an entry
        /// without one. (`FromStr` is more lenient: aliases and every id.)
        impl<'de> $crate::__private::serde::Deserialize<'de> for $code {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let key: $crate::__private::Key<$code> =
                    $crate::__private::serde::Deserialize::deserialize(d)?;
                Ok(key.0)
            }
        }

        impl $crate::__private::FromKey for $code {
            fn from_key(key: &str) -> ::std::result::Result<Self, $crate::ParseNameError> {
                $catalog
                    .from_key(key)
                    .and_then(|c| $code::try_from(c).ok())
                    .ok_or_else(|| $crate::__private::not_a_key(key, &$catalog))
            }
        }

        impl ::std::fmt::Display for $code {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.entry(), f)
            }
        }

        /// Parses a code, an alias or an entry id of this catalog.
        impl ::std::str::FromStr for $code {
            type Err = $crate::ParseNameError;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                $catalog
                    .lookup(s)
                    .and_then(|c| $code::try_from(c).ok())
                    .ok_or_else(|| $crate::__private::unknown_code(s, &$catalog))
            }
        }

        impl ::std::convert::From<$code> for $crate::ErrorCode {
            fn from(code: $code) -> Self {
                $crate::__private::error_code(code.entry())
            }
        }

        impl ::std::convert::TryFrom<$crate::ErrorCode> for $code {
            type Error = $crate::ErrorCode;
            fn try_from(code: $crate::ErrorCode) -> ::std::result::Result<Self, Self::Error> {
                $crate::__private::position(&$catalog, code.entry())
                    .and_then(|at| $code::ALL.get(at).copied())
                    .ok_or(code)
            }
        }
    };
}

impl ErrorCode {
    pub(crate) const fn new(entry: &'static Entry) -> ErrorCode {
        ErrorCode(entry)
    }

    /// Every entry of every built-in vendor, in [`Vendor::ALL`] order.
    pub fn all() -> impl Iterator<Item = ErrorCode> + Clone {
        Vendor::ALL.iter().flat_map(|v| v.catalog().codes())
    }

    /// The full catalog entry.
    #[must_use]
    pub const fn entry(self) -> &'static Entry {
        self.0
    }

    /// The built-in vendor of this entry's catalog, or the one that catalog extends.
    #[must_use]
    pub fn vendor(self) -> Option<Vendor> {
        self.0.vendor()
    }

    crate::__entry_accessors!();

    /// The entry's position in its catalog.
    fn position(self) -> usize {
        // Every ErrorCode is made from an entry of its own catalog.
        self.0.catalog().position(self.0).unwrap_or(usize::MAX)
    }
}

impl PartialEq for ErrorCode {
    fn eq(&self, other: &ErrorCode) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for ErrorCode {}

impl Hash for ErrorCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0, state)
    }
}

/// By catalog id, then document order.
impl Ord for ErrorCode {
    fn cmp(&self, other: &ErrorCode) -> Ordering {
        (self.0.catalog().id(), self.position()).cmp(&(other.0.catalog().id(), other.position()))
    }
}

impl PartialOrd for ErrorCode {
    fn partial_cmp(&self, other: &ErrorCode) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `ErrorCode(iris_hr::authorization_code_expired)`.
impl fmt::Debug for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ErrorCode({}::{})", self.0.catalog().id(), self.0.id())
    }
}

impl ErrorCode {
    /// The compact form serde writes: `<catalog id>/<key>`, as `iris_hr/401-001-0003`, or
    /// `ixon_cloud/too_many_requests` for an entry without a code. [`FromStr`](std::str::FromStr)
    /// reads it back.
    #[must_use]
    pub fn qualified(self) -> String {
        format!("{}/{}", self.0.catalog().id(), self.0.key())
    }
}

/// Serializes as [`qualified`](ErrorCode::qualified): `"iris_hr/401-001-0003"`. The whole
/// entry, as `errcat explain --json` prints it, is [`entry()`](ErrorCode::entry), which
/// serializes too.
impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{}/{}", self.0.catalog().id(), self.0.key()))
    }
}

/// Deserializes what `Serialize` writes, through [`FromStr`](std::str::FromStr): a built-in
/// vendor's entry. A catalog of your own deserializes its `Code` enum instead.
impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(crate::names::FromStrVisitor::<ErrorCode>::new("code"))
    }
}

/// Parses exactly the [`qualified`](ErrorCode::qualified) form of a built-in vendor's entry:
/// `iris_hr/401-001-0003`, or `<vendor id>/<entry id>` for an entry without a code. Aliases and
/// the ids of entries that have a code are refused, naming the form to use, so that one entry
/// has one spelling; [`lookup`](crate::lookup) and [`Catalog::lookup`](crate::Catalog::lookup)
/// take every spelling.
///
/// ```
/// use errcat::ErrorCode;
/// let code: ErrorCode = "iris_hr/401-001-0003".parse().unwrap();
/// assert_eq!(code.qualified(), "iris_hr/401-001-0003");
/// assert_eq!(serde_json::to_string(&code).unwrap(), r#""iris_hr/401-001-0003""#);
/// assert!("401-001-0003".parse::<ErrorCode>().is_err()); // which vendor?
/// assert!("iris_hr/500-001-0014".parse::<ErrorCode>().is_err()); // an alias
/// ```
impl std::str::FromStr for ErrorCode {
    type Err = ParseNameError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let Some((vendor, key)) = s.split_once('/') else {
            return Err(ParseNameError::new(
                "code",
                s,
                "`<vendor id>/<code>`, or `<vendor id>/<entry id>` for an entry without a code, \
                 e.g. `iris_hr/401-001-0003`"
                    .to_string(),
            ));
        };
        let vendor: Vendor = vendor.parse()?;
        let catalog = vendor.catalog();
        catalog.from_key(key).ok_or_else(|| not_a_key(key, catalog))
    }
}

/// Why `key` is not the canonical key of an entry of `catalog`, with the key to use when it
/// names one by another spelling.
pub(crate) fn not_a_key(key: &str, catalog: &'static Catalog) -> ParseNameError {
    let expected = match catalog.lookup(key) {
        Some(c) => format!(
            "`{}/{}`, the canonical form of that entry",
            catalog.id(),
            c.key()
        ),
        None => format!(
            "the code of an entry of {}, or the id of one without a code",
            catalog.name()
        ),
    };
    ParseNameError::new("code", key, expected)
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}
