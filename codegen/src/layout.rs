//! Lays generated tokens out as readable lines, without a Rust parser.
//!
//! The build script emits the catalog on every clean build of every dependent, and the one
//! reader there is rustc, or a person who follows go-to-definition into `$OUT_DIR`. Formatting
//! with prettyplease needs syn's `full` feature, which made the one syn shared with serde_derive
//! and thiserror-impl compile about half again as long in every dependent's build. This printer
//! works on the token trees alone: one item or statement per line, blocks indented, doc
//! attributes written back as `///` comments, short groups kept on one line. It is not rustfmt:
//! it never reflows an expression, and its spacing is token-based (`a & b`, `&x` and `& x`
//! look alike to it). The `format` feature swaps in prettyplease where a person reads the code
//! on purpose (`cargo xtask catalog`, docs.rs).
//!
//! The output, parsed again, gives back the same tokens: a test checks it, and rustc checks it
//! on every build.

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};

/// A parenthesised or bracketed group longer than this, once flat, is broken one element a line.
const FLAT_WIDTH: usize = 80;

const INDENT: &str = "    ";

/// Renders `tokens` as source text, one item or statement a line.
pub fn layout(tokens: TokenStream) -> String {
    let mut out = Printer {
        fresh: true,
        ..Printer::default()
    };
    out.items(tokens);
    let mut text = out.text;
    // Every line was started with its indent; trailing blanks would only be noise.
    while text.ends_with([' ', '\n']) {
        text.pop();
    }
    text.push('\n');
    text
}

#[derive(Default)]
struct Printer {
    text: String,
    depth: usize,
    /// Whether the next token starts a line (no separating space before it).
    fresh: bool,
    /// The last token was the second `:` of `::`.
    after_path: bool,
    /// The last token written was a `:` with joint spacing.
    joint_colon: bool,
    /// Open generic-argument `<`s on this line, which a `>` closes without spaces.
    angles: usize,
    /// The last token was a `>` that closed generic arguments: `::<8>(…)` is a call.
    closed_angle: bool,
    /// The current line is a doc comment.
    in_comment: bool,
    /// The last token was joint punctuation of an operator (not a lifetime's `'`).
    joint: bool,
    /// The last token ended a multi-character operator (`&&`, `!=`), not `::`.
    tail: bool,
    /// The last token was a lifetime's name: `'static ::errcat::X` keeps its space.
    lifetime: bool,
}

impl Printer {
    fn newline(&mut self) {
        // A doc comment keeps its text to the last byte: it is the vendor's.
        if !std::mem::take(&mut self.in_comment) {
            while self.text.ends_with(' ') {
                self.text.pop();
            }
        }
        self.text.push('\n');
        for _ in 0..self.depth {
            self.text.push_str(INDENT);
        }
        self.fresh = true;
    }

    /// A sequence of items, statements, fields or arms: the inside of a brace group, or the
    /// whole file. Breaks after `;`, after a `,` at this level, after attributes, and after a
    /// block that ends an item.
    fn items(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut prev: Option<&TokenTree> = None;
        let mut i = 0;
        while i < trees.len() {
            let tree = &trees[i];
            // `#[doc = "…"]` and `#![doc = "…"]` become `///` and `//!` lines.
            if let Some((inner, text, used)) = doc_comment(&trees[i..]) {
                if !self.fresh {
                    self.newline();
                }
                self.text.push_str(if inner { "//!" } else { "///" });
                self.text.push_str(&text);
                self.in_comment = true;
                self.newline();
                i += used;
                prev = None;
                continue;
            }
            // Any other attribute sits on its own line before what it applies to.
            if let Some(used) = attribute_len(&trees[i..]) {
                if !self.fresh {
                    self.newline();
                }
                for t in &trees[i..i + used] {
                    self.tree(t, prev);
                    prev = Some(t);
                }
                self.newline();
                i += used;
                prev = None;
                continue;
            }
            self.tree(tree, prev);
            let next = trees.get(i + 1);
            let ends_line = match tree {
                TokenTree::Punct(p) => p.as_char() == ';' || p.as_char() == ',',
                // A block followed by a separator or a continuation stays on its line:
                // `},` `};` `} else` `}.method()`.
                TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                    !matches!(
                        next,
                        Some(TokenTree::Punct(p)) if matches!(p.as_char(), ',' | ';' | '.' | '?')
                    ) && !matches!(next, Some(TokenTree::Ident(id)) if id == "else")
                }
                _ => false,
            };
            if ends_line && next.is_some() {
                self.newline();
                prev = None;
            } else {
                prev = Some(tree);
            }
            i += 1;
        }
    }

    /// One token tree, with the space its predecessor on the line calls for.
    fn tree(&mut self, tree: &TokenTree, prev: Option<&TokenTree>) {
        let opens = matches!(tree, TokenTree::Punct(p) if p.as_char() == '<')
            && prev.is_some_and(generic_open);
        let closes = matches!(tree, TokenTree::Punct(p) if p.as_char() == '>') && self.angles > 0;
        let angle = self.angles > 0 && (closes || opens || self.last_was_open_angle(prev));
        let call = self.closed_angle
            && matches!(tree, TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis);
        // The tail of `&&` or `!=` is a binary operator: spaced like one, whatever its char.
        let op_tail = self.tail;
        self.tail = self.joint
            && matches!(tree, TokenTree::Punct(p) if p.spacing() == Spacing::Alone && p.as_char() != ':');
        self.joint = matches!(tree, TokenTree::Punct(p)
            if p.spacing() == Spacing::Joint && p.as_char() != '\'');
        let path_after_lifetime = self.lifetime
            && matches!(tree, TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Joint);
        self.lifetime = matches!(tree, TokenTree::Ident(_))
            && matches!(prev, Some(TokenTree::Punct(p)) if p.as_char() == '\'');
        if !self.fresh
            && !call
            && (space_between(prev, tree, self.after_path, angle)
                || (op_tail && !matches!(tree, TokenTree::Punct(_)))
                || path_after_lifetime)
        {
            self.text.push(' ');
        }
        self.fresh = false;
        self.closed_angle = closes;
        if opens {
            self.angles += 1;
        } else if closes {
            self.angles -= 1;
        }
        let (after_path, joint_colon) = match tree {
            TokenTree::Punct(p) if p.as_char() == ':' => {
                (self.joint_colon, p.spacing() == Spacing::Joint)
            }
            _ => (false, false),
        };
        self.after_path = after_path;
        self.joint_colon = joint_colon;
        match tree {
            TokenTree::Group(g) => {
                (self.joint, self.tail) = (false, false);
                // A generic list never spans a group boundary in generated code.
                let angles = std::mem::take(&mut self.angles);
                self.group(g);
                self.angles = angles;
                self.after_path = false;
            }
            TokenTree::Ident(id) => self.text.push_str(&id.to_string()),
            TokenTree::Punct(p) => self.text.push(p.as_char()),
            TokenTree::Literal(l) => self.text.push_str(&l.to_string()),
        }
    }

    /// Whether `prev` is a `<` this printer took as generic.
    fn last_was_open_angle(&self, prev: Option<&TokenTree>) -> bool {
        self.angles > 0 && matches!(prev, Some(TokenTree::Punct(p)) if p.as_char() == '<')
    }

    fn group(&mut self, g: &Group) {
        let (open, close) = match g.delimiter() {
            Delimiter::Brace => ('{', '}'),
            Delimiter::Parenthesis => ('(', ')'),
            Delimiter::Bracket => ('[', ']'),
            // Invisible groups come from interpolated fragments; their contents stand alone.
            Delimiter::None => {
                self.flat(g.stream());
                return;
            }
        };
        if g.stream().is_empty() {
            self.text.push(open);
            self.text.push(close);
            return;
        }
        let flat = flat_text(g.stream());
        let short = flat.len() <= FLAT_WIDTH && !flat.contains('\n');
        if g.delimiter() != Delimiter::Brace && short && !has_block(&g.stream()) {
            self.text.push(open);
            self.text.push_str(&flat);
            self.text.push(close);
            return;
        }
        self.text.push(open);
        self.depth += 1;
        self.newline();
        self.items(g.stream());
        self.depth -= 1;
        self.newline();
        self.text.push(close);
        self.fresh = false;
    }

    /// Tokens on the current line, no breaks (the inside of a short group).
    fn flat(&mut self, tokens: TokenStream) {
        let mut prev: Option<TokenTree> = None;
        for tree in tokens {
            self.tree(&tree, prev.as_ref());
            prev = Some(tree);
        }
    }
}

/// The flat rendering of `tokens`, as [`Printer::flat`] would write it.
fn flat_text(tokens: TokenStream) -> String {
    let mut p = Printer {
        fresh: true,
        ..Printer::default()
    };
    p.flat(tokens);
    p.text
}

/// Whether `tokens` hold a brace group or a doc attribute anywhere: such a group is laid out
/// over lines even when short.
fn has_block(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        TokenTree::Group(g) => g.delimiter() == Delimiter::Brace || has_block(&g.stream()),
        TokenTree::Punct(p) => p.as_char() == '#',
        _ => false,
    })
}

/// Whether a space separates `prev` and `next` on one line. `after_path` says the last two
/// tokens were `::`.
fn space_between(
    prev: Option<&TokenTree>,
    next: &TokenTree,
    after_path: bool,
    angle: bool,
) -> bool {
    let Some(prev) = prev else {
        return false;
    };
    if after_path {
        return false;
    }
    if let TokenTree::Punct(p) = prev {
        // `->`, `'a`, `=>`, the first `:` of `::`: joint punctuation binds to what follows.
        if p.spacing() == Spacing::Joint {
            return false;
        }
        if matches!(p.as_char(), '#' | '.' | '&' | '!' | '$') {
            // `#[`, `.field`, `&x`, `!x`, but `name! (`… is `name!(`.
            return p.as_char() == '!' && !matches!(next, TokenTree::Group(_));
        }
        if p.as_char() == '<' && angle {
            return false;
        }
    }
    match next {
        TokenTree::Punct(p) => match p.as_char() {
            ',' | ';' | '.' | '?' => false,
            // `a: T` and `a::b`, but `=> ::core`.
            ':' => p.spacing() == Spacing::Joint && !is_ident(prev),
            '<' => !generic_open(prev),
            '>' => !angle,
            _ => true,
        },
        // `f(x)`, `a[i]`, `m!(…)`, `Type { … }`.
        TokenTree::Group(g) => match g.delimiter() {
            Delimiter::Parenthesis | Delimiter::Bracket => {
                !(is_ident(prev) || matches!(prev, TokenTree::Group(_))) || is_keyword(prev)
            }
            _ => true,
        },
        _ => true,
    }
}

/// Whether a `<` after `prev` opens generic arguments (`Option<`, `::<`) rather than compares:
/// generated code names types in CamelCase, and compares only lowercase values.
fn generic_open(prev: &TokenTree) -> bool {
    match prev {
        TokenTree::Ident(id) => id.to_string().starts_with(|c: char| c.is_ascii_uppercase()),
        TokenTree::Punct(p) => p.as_char() == ':',
        _ => false,
    }
}

fn is_ident(t: &TokenTree) -> bool {
    matches!(t, TokenTree::Ident(_))
}

/// Keywords after which a group is not a call: `in [..]`, `match (..)`, `=> (..)`.
fn is_keyword(t: &TokenTree) -> bool {
    matches!(t, TokenTree::Ident(id) if matches!(
        id.to_string().as_str(),
        "in" | "match" | "if" | "return" | "as" | "mut" | "move" | "while" | "for" | "let"
            | "const" | "static" | "where" | "dyn" | "impl"
    ))
}

/// The length in tokens of an attribute (`#[…]` or `#![…]`) at the start of `trees`.
fn attribute_len(trees: &[TokenTree]) -> Option<usize> {
    let TokenTree::Punct(hash) = trees.first()? else {
        return None;
    };
    if hash.as_char() != '#' {
        return None;
    }
    let (bang, rest) = match trees.get(1)? {
        TokenTree::Punct(p) if p.as_char() == '!' => (1, trees.get(2)?),
        other => (0, other),
    };
    match rest {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => Some(2 + bang),
        _ => None,
    }
}

/// A doc attribute at the start of `trees` whose text can be a `///` line: (inner, text, token
/// count). Text with a line break or a character a comment cannot hold stays an attribute.
fn doc_comment(trees: &[TokenTree]) -> Option<(bool, String, usize)> {
    let used = attribute_len(trees)?;
    let inner = used == 3;
    let TokenTree::Group(g) = &trees[used - 1] else {
        return None;
    };
    let inside: Vec<TokenTree> = g.stream().into_iter().collect();
    let [TokenTree::Ident(name), TokenTree::Punct(eq), TokenTree::Literal(lit)] = &inside[..]
    else {
        return None;
    };
    if name != "doc" || eq.as_char() != '=' {
        return None;
    }
    let text = unescape(&lit.to_string())?;
    // A comment ends at a line break, and `\r` is not allowed in one.
    if text.contains(['\n', '\r']) {
        return None;
    }
    Some((inner, text, used))
}

/// The value of a string literal's source text (`"…"` with escapes, or raw `r#"…"#`, which is
/// how `quote!` writes `///` comments), or `None` for any other literal (byte and C strings,
/// numbers) or an escape this does not know.
fn unescape(src: &str) -> Option<String> {
    if let Some(raw) = src.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let fence = "#".repeat(hashes);
        let body = raw.strip_prefix(&fence)?.strip_prefix('"')?;
        return Some(body.strip_suffix(&fence)?.strip_suffix('"')?.to_string());
    }
    let body = src.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The token trees of `tokens`, one a line, groups bracketed, spacing left out, strings by
/// value: what two renderings of the same code share. `&'a` and `& 'a` are the same tokens to
/// the parser, and `r" x"` and `" x"` the same doc.
#[cfg(test)]
pub(crate) fn shape(tokens: TokenStream) -> String {
    tokens
        .into_iter()
        .map(|t| match t {
            TokenTree::Group(g) => format!("{:?}[\n{}]", g.delimiter(), shape(g.stream())),
            TokenTree::Literal(l) => {
                unescape(&l.to_string()).map_or_else(|| l.to_string(), |v| format!("str {v:?}"))
            }
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;
    use std::str::FromStr;

    fn round_trips(tokens: TokenStream) -> String {
        let text = layout(tokens.clone());
        let again = TokenStream::from_str(&text)
            .unwrap_or_else(|e| panic!("layout output does not lex: {e}\n{text}"));
        assert_eq!(shape(again), shape(tokens), "\n{text}");
        text
    }

    #[test]
    fn items_and_statements_get_their_own_lines_and_blocks_are_indented() {
        let text = round_trips(quote! {
            /// The answer.
            ///
            /// With "quotes", a \ and a tab:	.
            #[derive(Clone, Copy)]
            pub struct A { pub x: u8, pub y: &'static str }
            impl A {
                pub const fn x(self) -> u8 { let y = self.x; y }
            }
            static ALL: [A; 1] = [A { x: 1, y: "a" }];
        });
        assert_eq!(
            text,
            "/// The answer.\n///\n/// With \"quotes\", a \\ and a tab:\t.\n#[derive(Clone, Copy)]\n\
             pub struct A {\n    pub x: u8,\n    pub y: &'static str\n}\n\
             impl A {\n    pub const fn x(self) -> u8 {\n        let y = self.x;\n        y\n    }\n}\n\
             static ALL: [A; 1] = [\n    A {\n        x: 1,\n        y: \"a\"\n    }\n];\n"
        );
    }

    #[test]
    fn match_arms_paths_and_calls_read_like_rust() {
        let text = round_trips(quote! {
            pub fn f(v: Option<u8>) -> u8 {
                if v.is_none() { return 1; } else { let _ = 2; }
                match v { Some(x) => ::core::convert::identity(x), None => [0u8].first_chunk::<1>().map_or(0, |w| w[0]) }
            }
        });
        assert!(text.contains(".first_chunk::<1>().map_or("), "{text}");
        assert!(text.contains("\n    } else {\n"), "{text}");
        assert!(
            text.contains("Some(x) => ::core::convert::identity(x),\n"),
            "{text}"
        );
        assert!(text.contains("pub fn f(v: Option<u8>) -> u8 {"), "{text}");
        let text = round_trips(quote! { pub static C: &'static ::core::primitive::u8 = &1; });
        assert!(text.contains("&'static ::core::primitive::u8"), "{text}");
    }

    #[test]
    fn a_long_array_is_broken_one_element_a_line() {
        let items = (0..40).map(|n| format!("\"code-{n}\""));
        let src = format!(
            "static A: [&str; 40] = [{}];",
            items.collect::<Vec<_>>().join(", ")
        );
        let tokens = TokenStream::from_str(&src).unwrap_or_default();
        let text = round_trips(tokens);
        assert!(text.lines().count() > 40, "{text}");
        assert!(text.lines().all(|l| l.len() <= 100), "{text}");
    }

    #[test]
    fn docs_a_comment_cannot_hold_stay_attributes() {
        let text = round_trips(quote! {
            #[doc = "two\nlines"]
            #[doc = r#" raw "with" quotes"#]
            pub struct B;
        });
        assert!(text.contains("#[doc = \"two\\nlines\"]"), "{text}");
        assert!(text.contains("\n/// raw \"with\" quotes\n"), "{text}");
    }

    #[test]
    fn inner_docs_stay_inner() {
        let text = round_trips(quote! {
            pub mod m {
                #![doc = " Inner."]
                pub const C: u8 = 1;
            }
        });
        assert!(text.contains("//! Inner.\n"), "{text}");
    }

    #[test]
    fn unescape_reads_the_escapes_rust_writes() {
        assert_eq!(
            unescape(r#""a\"b\\c\u{e9}\t""#).as_deref(),
            Some("a\"b\\c\u{e9}\t")
        );
        assert_eq!(unescape("r\"x\\n\"").as_deref(), Some("x\\n"));
        assert_eq!(unescape("br\"x\""), None);
        assert_eq!(unescape(r#""\x41""#), None);
    }
}
