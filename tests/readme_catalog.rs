//! The README's "Your own catalog" section, checked: its two specs are valid user specs, and
//! the error lines it shows are what the generator prints for the mistakes it describes.

use errcat_codegen::{Config, SpecFile};

/// The section's fenced blocks of `lang`, in order.
fn blocks(lang: &str) -> Vec<String> {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let start = readme.find("\n## Your own catalog\n").expect("the section");
    let section = &readme[start + 1..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let fence = format!("```{lang}\n");
    section
        .split(&fence)
        .skip(1)
        .filter_map(|b| b.split("```").next().map(str::to_string))
        .collect()
}

fn generate(path: &str, text: &str) -> Result<(), String> {
    let spec = SpecFile {
        path: path.into(),
        text: text.to_string(),
    };
    Config::new()
        .generate(&[spec])
        .map(drop)
        .map_err(|e| e.to_string())
}

#[test]
fn the_readme_specs_compile_and_its_error_lines_are_real() {
    let yaml = blocks("yaml");
    let (acme, seen) = (&yaml[0], &yaml[1]);
    let acme_path = "errors/acme_billing.yaml";
    let seen_path = "errors/iris_hr_seen.yaml";
    generate(acme_path, acme).expect("the README's envelope spec is valid");
    generate(seen_path, seen).expect("the README's extending spec is valid");

    let mistakes = [
        (acme_path, acme.replace("    code: /code", "    code: code")),
        (acme_path, acme.replace("    property: /field\n", "")),
        (seen_path, seen.replace("extends: iris_hr", "extends: iris")),
        (
            seen_path,
            seen.replace("code: 503-000-0001", "code: 401-001-0003"),
        ),
    ];
    let got: Vec<String> = mistakes
        .iter()
        .map(|(path, text)| generate(path, text).expect_err("a mistake"))
        .collect();
    let shown = blocks("text");
    let shown: Vec<&str> = shown
        .iter()
        .find(|b| b.starts_with("errors/"))
        .expect("the error lines")
        .lines()
        .collect();
    assert_eq!(got, shown);
}
