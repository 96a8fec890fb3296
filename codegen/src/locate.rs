//! Finds where an entry or one of its fields sits in a spec's source text.
//!
//! serde reports positions only for syntax and type errors. Meaning is checked after parsing,
//! on the model, so its errors are placed by reading the YAML text again: entries are the
//! items of the top-level `entries:` sequence, and a field is the first `key:` in its item.

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// The lines each entry occupies, computed once per file.
pub struct Locator<'a> {
    lines: Vec<&'a str>,
    /// For each entry, its first line index (0-based) and the index one past its last line.
    items: Vec<(usize, usize)>,
}

impl<'a> Locator<'a> {
    /// Indexes the items of the top-level `entries:` sequence.
    pub fn new(text: &'a str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let mut items = Vec::new();
        let start = lines
            .iter()
            .position(|l| l.trim_end() == "entries:" || l.starts_with("entries:"));
        if let Some(start) = start {
            let mut dash_indent = None;
            let mut open: Option<usize> = None;
            let mut end = lines.len();
            for (i, line) in lines.iter().enumerate().skip(start + 1) {
                let trimmed = line.trim_start();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                let indent = line.len() - trimmed.len();
                if indent == 0 && !trimmed.starts_with('-') {
                    end = i;
                    break;
                }
                let is_item = trimmed.starts_with("- ") || trimmed == "-";
                if is_item && dash_indent.is_none_or(|d| d == indent) {
                    dash_indent = Some(indent);
                    if let Some(s) = open.replace(i) {
                        items.push((s, i));
                    }
                }
            }
            if let Some(s) = open {
                items.push((s, end));
            }
        }
        Locator { lines, items }
    }

    /// Where entry `index` starts.
    pub fn entry(&self, index: usize) -> Option<Pos> {
        let (s, _) = *self.items.get(index)?;
        let line = self.lines[s];
        let column = line.len() - line.trim_start().len() + 1;
        Some(Pos {
            line: s + 1,
            column,
        })
    }

    /// Where `field` of entry `index` has its value, falling back to the entry itself.
    pub fn field(&self, index: usize, field: &str) -> Option<Pos> {
        let (s, e) = *self.items.get(index)?;
        for i in s..e {
            let line = self.lines[i];
            let body = line.trim_start().trim_start_matches("- ").trim_start();
            if let Some(rest) = body.strip_prefix(field).and_then(|r| r.strip_prefix(':')) {
                let value_at = line.len() - rest.trim_start().len();
                let column = if rest.trim().is_empty() {
                    line.len() - body.len()
                } else {
                    value_at
                };
                return Some(Pos {
                    line: i + 1,
                    column: column + 1,
                });
            }
        }
        self.entry(index)
    }

    /// Where `value` appears inside `field` of entry `index` (list items such as aliases).
    pub fn value(&self, index: usize, field: &str, value: &str) -> Option<Pos> {
        let from = self.field(index, field)?;
        let (_, e) = *self.items.get(index)?;
        for i in (from.line - 1)..e {
            if let Some(col) = self.lines[i].find(value) {
                return Some(Pos {
                    line: i + 1,
                    column: col + 1,
                });
            }
        }
        Some(from)
    }

    /// Where `field` of the vendor header's mapping `section` (`envelope`) is, falling back
    /// to the section itself.
    pub fn header_in(&self, section: &str, field: &str) -> Pos {
        let start = self.header(section);
        let section_indent = start.column - 1;
        for (i, line) in self.lines.iter().enumerate().skip(start.line) {
            let body = line.trim_start();
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let indent = line.len() - body.len();
            if indent <= section_indent {
                break;
            }
            if body.strip_prefix(field).is_some_and(|r| r.starts_with(':')) {
                let rest = &body[field.len() + 1..];
                let column = if rest.trim().is_empty() {
                    indent
                } else {
                    line.len() - rest.trim_start().len()
                };
                return Pos {
                    line: i + 1,
                    column: column + 1,
                };
            }
        }
        start
    }

    /// Where the vendor header's `field` is (or the top-level `entries` key).
    pub fn header(&self, field: &str) -> Pos {
        for (i, line) in self.lines.iter().enumerate() {
            let body = line.trim_start();
            if body.strip_prefix(field).is_some_and(|r| r.starts_with(':')) {
                return Pos {
                    line: i + 1,
                    column: line.len() - body.len() + 1,
                };
            }
            if line.starts_with("entries:") {
                break;
            }
        }
        Pos { line: 1, column: 1 }
    }

    /// Where `value` is written in the vendor header's `field` (a list item, in flow or block
    /// form), else the field itself.
    pub fn header_value(&self, field: &str, value: &str) -> Pos {
        let at = self.header(field);
        let found = self
            .lines
            .iter()
            .enumerate()
            .skip(at.line - 1)
            .take_while(|(i, line)| *i + 1 == at.line || line.starts_with([' ', '-']))
            .find_map(|(i, line)| {
                let from = if i + 1 == at.line { at.column - 1 } else { 0 };
                let col = line.get(from..)?.find(value)? + from;
                Some(Pos {
                    line: i + 1,
                    column: col + 1,
                })
            });
        found.unwrap_or(at)
    }

    /// Where the vendor header's list item `- field: value` (`- status: 500`) is: the first
    /// such item before `entries:`, else the header's `list` key.
    pub fn header_item(&self, list: &str, field: &str, value: &str) -> Pos {
        for (i, line) in self.lines.iter().enumerate() {
            if line.starts_with("entries:") {
                break;
            }
            let body = line.trim_start().trim_start_matches("- ").trim_start();
            let rest = body.strip_prefix(field).and_then(|r| r.strip_prefix(':'));
            if rest.is_some_and(|r| r.trim().trim_matches(['\'', '"']) == value) {
                return Pos {
                    line: i + 1,
                    column: line.len() - body.len() + 1,
                };
            }
        }
        self.header(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "vendor:\n  id: x\n  name: X\nentries:\n- id: a\n  code: '1'\n  aliases:\n  - '01'\n- id: b\n  title: B\n";

    #[test]
    fn finds_entries_and_fields() {
        let l = Locator::new(SPEC);
        assert_eq!(l.entry(1), Some(Pos { line: 9, column: 1 }));
        assert_eq!(l.field(0, "id"), Some(Pos { line: 5, column: 7 }));
        assert_eq!(l.field(0, "code"), Some(Pos { line: 6, column: 9 }));
        assert_eq!(
            l.value(0, "aliases", "01"),
            Some(Pos { line: 8, column: 6 })
        );
        assert_eq!(
            l.field(1, "title"),
            Some(Pos {
                line: 10,
                column: 10
            })
        );
        assert_eq!(l.header("name"), Pos { line: 3, column: 3 });
        assert_eq!(l.header("entries"), Pos { line: 4, column: 1 });
    }

    #[test]
    fn header_list_values() {
        let flow = Locator::new("vendor:\n  id: x\n  trace_headers: [A-Id, B Id]\nentries:\n");
        assert_eq!(
            flow.header_value("trace_headers", "B Id"),
            Pos {
                line: 3,
                column: 25
            }
        );
        let block = Locator::new("vendor:\n  trace_headers:\n  - A-Id\n  - 'B Id'\nentries:\n");
        assert_eq!(
            block.header_value("trace_headers", "B Id"),
            Pos { line: 4, column: 6 }
        );
        assert_eq!(
            block.header_value("trace_headers", "C"),
            Pos { line: 2, column: 3 }
        );
    }

    #[test]
    fn header_sections() {
        let l =
            Locator::new("vendor:\n  id: x\n  envelope:\n    code: /c\n  message: m\nentries:\n");
        assert_eq!(
            l.header_in("envelope", "code"),
            Pos {
                line: 4,
                column: 11
            }
        );
        // `message` is not in the section: the section's own place.
        assert_eq!(
            l.header_in("envelope", "message"),
            Pos { line: 3, column: 3 }
        );
    }

    #[test]
    fn indented_sequences() {
        let l = Locator::new("entries:\n  - id: a\n    code: x\n  - id: b\n");
        assert_eq!(
            l.field(0, "code"),
            Some(Pos {
                line: 3,
                column: 11
            })
        );
        assert_eq!(l.entry(1), Some(Pos { line: 4, column: 3 }));
    }
}
