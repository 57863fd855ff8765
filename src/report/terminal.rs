//! Text from a file, made safe to print on a terminal.
//!
//! Ids, labels and titles come from the user's file, or from someone else's
//! pull request. Printed raw, a control character in one could clear the
//! screen, move the cursor to overwrite a verdict, or set the window title
//! (ESC, CSI U+009B, CR, BEL, backspace…). Every control character is
//! written as a visible escape instead, the way Rust writes it: `\u{1b}`,
//! `\n`, `\r`, `\t`.

use std::borrow::Cow;

/// `text` with every control character (C0, DEL and C1) escaped.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape_where(text, char::is_control)
}

/// Like [`escape_controls`], but line breaks stay: for whole reports whose
/// lines are ours and whose user text was escaped already.
pub fn escape_controls_but_newlines(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c.is_control() && c != '\n')
}

fn escape_where(text: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(escape_controls("db\u{1b}]0;pwned\u{7}"), "db\\u{1b}]0;pwned\\u{7}");
        assert_eq!(escape_controls("a\r\nb\tc\u{9b}2J"), "a\\r\\nb\\tc\\u{9b}2J");
        assert!(matches!(escape_controls("Kakao Pay · 47 M"), Cow::Borrowed(_)));
        assert_eq!(escape_controls_but_newlines("one\u{1b}[2J\ntwo\n"), "one\\u{1b}[2J\ntwo\n");
    }
}
