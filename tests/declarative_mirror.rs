//! The declarative reader against the built-in readers, on the same bodies: a spec whose
//! `envelope` describes Lerian's or IXON's bodies in JSON Pointers finds the same entries, the
//! same way, as errcat's hand-written reader for that vendor. The mirrors are generated from
//! the real specs by errcat-codegen's golden test (`codegen/tests/golden/mirror_*.rs`).

mod mirrors {
    include!("../codegen/tests/golden/mirror_lerian.rs");
    include!("../codegen/tests/golden/mirror_ixon.rs");
}

use errcat::{Catalog, Classification, Vendor};

/// The bodies of the classify benchmark's manifest for `vendor`, with their statuses.
fn bodies(vendor: Vendor) -> Vec<(u16, String, Vec<u8>)> {
    let manifest = std::fs::read_to_string("benches/bodies/manifest.tsv").expect("manifest");
    let bodies: Vec<_> = manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (v, status, path) = (f.next()?, f.next()?, f.next()?);
            (v == vendor.id()).then(|| {
                let bytes = std::fs::read(path).expect("body");
                (status.parse().expect("status"), path.to_string(), bytes)
            })
        })
        .collect();
    assert!(bodies.len() >= 8, "{vendor}: {} bodies", bodies.len());
    bodies
}

/// What a classification says, catalog aside: per error, the entry id (or none), how it
/// matched, the captured parameters, the vendor's code, message and property.
fn gist(c: &Classification) -> Vec<String> {
    c.errors()
        .iter()
        .map(|e| {
            format!(
                "{:?} {} {:?} {:?} {:?} {:?} {:?}",
                e.code().map(|c| c.id()),
                e.match_kind(),
                e.params(),
                e.wire_code(),
                e.detail(),
                e.property(),
                (e.category(), e.action()),
            )
        })
        .collect()
}

fn same_as_built_in(vendor: Vendor, mirror: &'static Catalog) {
    for (status, path, body) in bodies(vendor) {
        let built_in = vendor.catalog().classify(status, &body);
        // Lerian's reader takes the message from `detail` (its RFC 9457 documents), `message`
        // or `error` (an ingress's `{"error":"upstream unavailable"}`); a mirror's envelope has
        // one pointer per field (`/message`), so the mirror reads the same body with that member
        // under `message`, which Lerian's reader treats alike.
        let mut value: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let moved = value.as_object_mut().and_then(|members| {
            if members.contains_key("message") {
                return None;
            }
            let from = ["detail", "error"]
                .into_iter()
                .find(|k| members.contains_key(*k))?;
            let text = members.remove(from)?;
            members.insert("message".into(), text);
            Some(())
        });
        let moved = moved.and_then(|()| serde_json::to_vec(&value).ok());
        let declarative = mirror.classify(status, moved.as_deref().unwrap_or(&body));
        assert_eq!(gist(&declarative), gist(&built_in), "{path}");
        assert_eq!(declarative.trace_id(), built_in.trace_id(), "{path}");
        // IXON's reader knows that `"status":"error"` marks an error envelope even with no
        // `data`; an envelope of pointers only knows where errors are. Both give the same
        // status fallback; only how the body is described differs.
        if path != "tests/fixtures/classify/ixon_401_no_data.json" {
            assert_eq!(declarative.body_kind(), built_in.body_kind(), "{path}");
        } else {
            assert_eq!(declarative.body_kind(), errcat::BodyKind::NotAnError);
        }
        assert_eq!(
            serde_json::to_value(&declarative).expect("json")["errors"]
                .as_array()
                .map(Vec::len),
            serde_json::to_value(&built_in).expect("json")["errors"]
                .as_array()
                .map(Vec::len),
        );
    }
}

#[test]
fn a_declarative_lerian_reads_lerian_bodies_as_the_built_in_reader_does() {
    same_as_built_in(
        Vendor::LerianAccessManager,
        &mirrors::mirror_lerian::CATALOG,
    );
}

#[test]
fn a_declarative_ixon_reads_ixon_bodies_as_the_built_in_reader_does() {
    same_as_built_in(Vendor::IxonCloud, &mirrors::mirror_ixon::CATALOG);
}
