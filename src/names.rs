//! `Display` / `FromStr` for the enums whose names are a contract (`Vendor`, `Category`,
//! `Action`, `MatchKind`): the snake_case names of DESIGN.md, the same in YAML, JSON and CLI.

/// A string that is not one of an enum's names.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{input}`; expected one of: {expected}")]
pub struct ParseNameError {
    pub(crate) kind: &'static str,
    pub(crate) input: String,
    pub(crate) expected: String,
}

impl ParseNameError {
    /// What was being parsed: `vendor`, `category`, `action`, `match kind` or `code`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }
}

/// Implements `Display`, `FromStr` and serde's `Serialize` from `ALL` and `as_str()`.
macro_rules! named_enum {
    ($ty:ty, $kind:literal) => {
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $ty {
            type Err = $crate::names::ParseNameError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| $crate::names::ParseNameError {
                        kind: $kind,
                        input: s.to_string(),
                        expected: Self::ALL
                            .iter()
                            .map(|v| v.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
            }
        }
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use named_enum;
