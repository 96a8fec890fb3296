//! `Display` / `FromStr` for the enums whose names are a contract (`Vendor`, `Category`,
//! `Action`, `MatchKind`, `BodyKind`): snake_case names, the same in YAML, JSON and the CLI.

/// A string that is not one of an enum's names.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{input}`; expected one of: {expected}")]
pub struct ParseNameError {
    kind: &'static str,
    input: String,
    expected: String,
}

impl ParseNameError {
    /// What was being parsed: `vendor`, `category`, `action`, `match kind` or `code`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    pub(crate) fn new(kind: &'static str, input: &str, expected: String) -> Self {
        ParseNameError {
            kind,
            input: input.to_string(),
            expected,
        }
    }
}

/// Implements `Display`, `FromStr` and serde's `Serialize` and `Deserialize` from `ALL` and
/// the method that gives a value's name (`as_str`, or `id` for `Vendor`): a value is its name
/// both ways, and an unknown name is an error that lists the known ones.
#[doc(hidden)]
#[macro_export]
macro_rules! __named_enum {
    ($ty:ty, $kind:literal, $name:ident) => {
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.$name())
            }
        }
        impl ::std::str::FromStr for $ty {
            type Err = $crate::ParseNameError;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.$name() == s)
                    .ok_or_else(|| {
                        let names: ::std::vec::Vec<&str> =
                            Self::ALL.iter().map(|v| v.$name()).collect();
                        $crate::__private::parse_error($kind, s, names.join(", "))
                    })
            }
        }
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.$name())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                d.deserialize_str($crate::__private::FromStrVisitor::<$ty>::new($kind))
            }
        }
    };
}

/// A serde visitor that reads a string (borrowed, transient or owned) through `T`'s `FromStr`,
/// so that every name and code deserializes with the same rules and messages as it parses.
#[doc(hidden)]
pub struct FromStrVisitor<T> {
    expecting: &'static str,
    marker: std::marker::PhantomData<fn() -> T>,
}

impl<T> FromStrVisitor<T> {
    /// A visitor for values described as `expecting` (`vendor`, `code`, …) in type errors.
    #[must_use]
    pub const fn new(expecting: &'static str) -> Self {
        FromStrVisitor {
            expecting,
            marker: std::marker::PhantomData,
        }
    }
}

impl<T> serde::de::Visitor<'_> for FromStrVisitor<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a {} name as a string", self.expecting)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}
