//! errcat's own specs, compiled into the generator: a spec that `extends` a built-in vendor is
//! checked against the entries it extends, at the user's build, before anything is emitted.
//!
//! They are the very files errcat's build compiles (`include_str!` makes the generator
//! rebuild when one changes), so the check and the catalog it protects cannot disagree. They
//! are read through `codegen/specs`, a link to the workspace's `specs/`, so that the published
//! errcat-codegen package carries them (a path outside the package would not be packaged).

use crate::model::{Builtin, Spec};

/// The spec text of a built-in vendor.
fn text(b: Builtin) -> &'static str {
    match b {
        Builtin::IrisHr => include_str!("../specs/iris_hr.yaml"),
        Builtin::LerianAccessManager => include_str!("../specs/lerian_access_manager.yaml"),
        Builtin::AkamaiIdentityCloud => include_str!("../specs/akamai_identity_cloud.yaml"),
        Builtin::IxonCloud => include_str!("../specs/ixon_cloud.yaml"),
        Builtin::Adp => include_str!("../specs/adp.yaml"),
    }
}

/// The parsed spec of a built-in vendor.
pub(crate) fn spec(b: Builtin) -> Result<Spec, crate::Error> {
    crate::parse_text(&format!("errcat's specs/{}.yaml", b.id()), text(b)).map_err(|e| {
        let lines: Vec<String> = e.iter().map(ToString::to_string).collect();
        crate::Error::Generate(lines.join("\n"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_spec_parses_and_is_its_vendor() {
        for &b in Builtin::ALL {
            let spec = spec(b).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(spec.vendor.id, b.id());
            assert!(!spec.entries.is_empty());
        }
    }
}
