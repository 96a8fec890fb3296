//! Emission (being written).
use crate::Loaded;
/// Renders the catalog.
pub fn render(_loaded: &[Loaded]) -> String {
    String::new()
}
