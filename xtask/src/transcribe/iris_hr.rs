//! Transcriber for `specs/sources/iris_hr.txt` (being written).
use super::TranscribeError;
use errcat_codegen::model::Entry;

/// Transcribes the document.
pub fn transcribe(_text: &str, file: &str) -> Result<Vec<Entry>, TranscribeError> {
    Err(TranscribeError { file: file.to_string(), line: 1, message: "not transcribed yet".into() })
}
