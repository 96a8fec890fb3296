//! `cargo xtask man`: the `errcat` CLI's man pages, rendered by clap_mangen from the very
//! definition the binary parses (`src/bin/errcat/cli.rs`, included here), so they cannot drift.

use std::path::Path;
use std::process::ExitCode;

#[allow(dead_code)] // the binary's own module: xtask needs only the definition
#[path = "../../src/bin/errcat/cli.rs"]
mod cli;

use clap::CommandFactory as _;

pub fn main(out: &Path) -> ExitCode {
    match write(out) {
        Ok(files) => {
            for f in files {
                println!("{}", f.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// Writes `errcat.1` and one page per subcommand into `out`; returns their paths, sorted.
fn write(out: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(out)?;
    clap_mangen::generate_to(cli::Cli::command(), out)?;
    let mut files: Vec<_> = std::fs::read_dir(out)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "1"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_cover_every_subcommand_and_list_the_vendors() {
        let out = std::env::temp_dir().join(format!("errcat-man-{}", std::process::id()));
        let files = write(&out).expect("man pages written");
        let names: Vec<String> = files
            .iter()
            .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
            .collect();
        for page in [
            "errcat.1",
            "errcat-explain.1",
            "errcat-classify.1",
            "errcat-list.1",
            "errcat-completions.1",
        ] {
            assert!(names.iter().any(|n| n == page), "{page} missing: {names:?}");
        }
        let main = std::fs::read_to_string(out.join("errcat.1")).expect("readable");
        assert!(
            main.starts_with(".ie") || main.contains(".TH errcat"),
            "{main}"
        );
        let list = std::fs::read_to_string(out.join("errcat-list.1")).expect("readable");
        assert!(
            list.contains("akamai_identity_cloud"),
            "possible values listed: {list}"
        );
        std::fs::remove_dir_all(&out).expect("clean up");
    }
}
