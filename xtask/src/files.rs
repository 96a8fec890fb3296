//! File-system calls whose errors name the path and keep the `io::Error`.
//!
//! Every xtask command reads and writes files, and a bare `io::Error` ("No such file or
//! directory") does not say which one. These wrappers put the path (relative to the working
//! directory when it is below it, so editors can jump to it) and the attempted operation in
//! the message, and keep the `io::Error` as the [`source`](std::error::Error::source), so no
//! command has to format its own `"{path}: {e}"`.
//!
//! Messages include the source's text as well, as `errcat_codegen::Error::Io` does: the
//! commands print `{error}` alone, and that line must say what the OS said.

use std::io;
use std::path::{Path, PathBuf};

/// An I/O operation on one path that failed.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot {action}: {source}")]
pub struct FileError {
    /// The path, as shown in messages (see [`shown`]).
    pub path: String,
    /// What was attempted: `read`, `write`, `list`, `copy to <path>`, …
    pub action: String,
    /// What the OS said.
    #[source]
    pub source: io::Error,
}

impl FileError {
    /// The error maker for one operation on `path`, for `map_err`.
    pub fn at(path: &Path, action: impl Into<String>) -> impl FnOnce(io::Error) -> FileError {
        let (path, action) = (shown(path), action.into());
        move |source| FileError {
            path,
            action,
            source,
        }
    }
}

/// A path relative to the working directory when it is below it: shorter messages, and the
/// `specs/iris_hr.yaml:3:5` form editors jump to.
pub fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// [`std::fs::read_to_string`].
pub fn read(path: &Path) -> Result<String, FileError> {
    std::fs::read_to_string(path).map_err(FileError::at(path, "read"))
}

/// [`std::fs::read_to_string`], with `None` for a file that does not exist.
pub fn read_if_exists(path: &Path) -> Result<Option<String>, FileError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(FileError::at(path, "read")(e)),
    }
}

/// [`std::fs::write`].
pub fn write(path: &Path, text: &str) -> Result<(), FileError> {
    std::fs::write(path, text).map_err(FileError::at(path, "write"))
}

/// [`std::fs::create_dir_all`].
pub fn create_dir_all(path: &Path) -> Result<(), FileError> {
    std::fs::create_dir_all(path).map_err(FileError::at(path, "create the directory"))
}

/// [`std::fs::remove_file`].
pub fn remove_file(path: &Path) -> Result<(), FileError> {
    std::fs::remove_file(path).map_err(FileError::at(path, "remove"))
}

/// [`std::fs::remove_dir_all`].
pub fn remove_dir_all(path: &Path) -> Result<(), FileError> {
    std::fs::remove_dir_all(path).map_err(FileError::at(path, "remove the directory"))
}

/// [`std::fs::copy`].
pub fn copy(from: &Path, to: &Path) -> Result<(), FileError> {
    std::fs::copy(from, to)
        .map(drop)
        .map_err(FileError::at(from, format!("copy to {}", shown(to))))
}

/// `(stem, path)` of the files in `dir` with extension `ext`, sorted by stem.
pub fn list(dir: &Path, ext: &str) -> Result<Vec<(String, PathBuf)>, FileError> {
    let fail = || FileError::at(dir, "list");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(fail())? {
        let path = entry.map_err(fail())?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == ext) {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                out.push((stem.to_string(), path.clone()));
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn an_error_names_path_and_action_and_keeps_the_io_error() {
        let missing = std::env::temp_dir().join("errcat-xtask-files-test-does-not-exist.txt");
        let err = read(&missing).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("{}: cannot read: ", missing.display())),
            "{text}"
        );
        let source = err
            .source()
            .and_then(|s| s.downcast_ref::<io::Error>())
            .map(io::Error::kind);
        assert_eq!(source, Some(io::ErrorKind::NotFound));
        assert_eq!(read_if_exists(&missing).ok(), Some(None));
    }

    #[test]
    fn paths_below_the_working_directory_are_shown_relative() {
        let cwd = std::env::current_dir().unwrap_or_default();
        assert_eq!(shown(&cwd.join("specs").join("adp.yaml")), "specs/adp.yaml");
        let outside = Path::new("/nonexistent-root/x.yaml");
        assert_eq!(shown(outside), "/nonexistent-root/x.yaml");
    }
}
