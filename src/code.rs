//! The methods every generated `Code` enum and [`ErrorCode`](crate::ErrorCode) share.
//!
//! The generator emits data; the behaviour is written once, here, and stamped onto each type
//! by these macros, so a vendor's `Code` and the cross-vendor `ErrorCode` cannot drift apart.

/// Accessors that read the type's [`Entry`](crate::Entry) through its `entry()` method.
macro_rules! entry_accessors {
    () => {
        /// The vendor's code as its document writes it (`401-001-0003`), if it has one.
        pub fn code(self) -> Option<&'static str> {
            self.entry().code()
        }
        /// The stable snake_case id of the spec entry.
        pub fn id(self) -> &'static str {
            self.entry().id()
        }
        /// The document's title for the error.
        pub fn title(self) -> &'static str {
            self.entry().title()
        }
        /// The message the vendor sends, as a template where it has placeholders.
        pub fn message(self) -> Option<&'static $crate::Template> {
            self.entry().message.as_ref()
        }
        /// The HTTP status the document gives, if any.
        pub fn http_status(self) -> Option<u16> {
            self.entry().http_status()
        }
        /// What went wrong.
        pub fn category(self) -> $crate::Category {
            self.entry().category()
        }
        /// What the caller should do next.
        pub fn action(self) -> $crate::Action {
            self.entry().action()
        }
        /// Whether the same request, unchanged, may succeed later.
        pub fn is_retryable(self) -> bool {
            self.entry().is_retryable()
        }
    };
}
pub(crate) use entry_accessors;

/// Everything a generated vendor `Code` has beyond its variants and `ALL`.
macro_rules! vendor_code {
    ($vendor:ident, $offset:expr) => {
        impl Code {
            /// The vendor these codes belong to.
            pub const VENDOR: $crate::Vendor = $crate::Vendor::$vendor;

            /// The full catalog entry.
            pub fn entry(self) -> &'static $crate::Entry {
                &$crate::catalog::ENTRIES[$offset + self as usize]
            }

            $crate::code::entry_accessors!();
        }

        impl ::std::fmt::Display for Code {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.entry(), f)
            }
        }

        /// Parses a code, an alias or an entry id of this vendor.
        impl ::std::str::FromStr for Code {
            type Err = $crate::names::ParseNameError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match $crate::Vendor::$vendor.lookup(s) {
                    Some($crate::ErrorCode::$vendor(code)) => Ok(code),
                    _ => Err($crate::names::ParseNameError {
                        kind: "code",
                        input: s.to_string(),
                        expected: format!(
                            "a code, alias or id of {}",
                            $crate::Vendor::$vendor.name()
                        ),
                    }),
                }
            }
        }

        impl From<Code> for $crate::ErrorCode {
            fn from(code: Code) -> Self {
                $crate::ErrorCode::$vendor(code)
            }
        }

        impl TryFrom<$crate::ErrorCode> for Code {
            type Error = $crate::ErrorCode;
            fn try_from(code: $crate::ErrorCode) -> Result<Self, Self::Error> {
                match code {
                    $crate::ErrorCode::$vendor(code) => Ok(code),
                    #[allow(unreachable_patterns)]
                    other => Err(other),
                }
            }
        }
    };
}
pub(crate) use vendor_code;
