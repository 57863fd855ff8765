//! Bytes to text: a graph file is UTF-8, with or without a byte-order mark.
//!
//! Windows editors and spreadsheet exports often start UTF-8 files with a
//! byte-order mark (EF BB BF); it carries no content, so it is skipped. Any
//! other encoding is refused with the position of the first byte that is not
//! UTF-8, rather than decoded with replacement characters ("caf�"), which
//! would silently change ids and labels.

use super::FormatError;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of a file, or why it is not UTF-8. O(length).
pub fn utf8_text(bytes: &[u8]) -> Result<&str, FormatError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(FormatError::Utf16);
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        // Valid by construction: it is the prefix the decoder accepted.
        let before = std::str::from_utf8(valid).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |nl| nl + 1);
        FormatError::NotUtf8 {
            byte: bytes[error.valid_up_to()],
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_skipped() {
        assert_eq!(utf8_text(b"\xEF\xBB\xBF{}").unwrap(), "{}");
        assert_eq!(utf8_text(b"{}").unwrap(), "{}");
    }

    #[test]
    fn latin1_is_refused_with_its_position() {
        let err = utf8_text(b"{\n  \"title\": \"caf\xE9\"\n}").unwrap_err();
        assert_eq!(err, FormatError::NotUtf8 { byte: 0xE9, line: 2, column: 16 });
        assert_eq!(
            err.to_string(),
            "the file is not UTF-8 text: byte 0xE9 at line 2, column 16 is not valid UTF-8; save the file as UTF-8"
        );
    }

    #[test]
    fn utf16_is_named() {
        assert_eq!(utf8_text(b"\xFF\xFE{\0}\0").unwrap_err(), FormatError::Utf16);
    }
}
