//! Text that XML can carry. User text (labels, ids, titles, notes) goes into
//! SVG and, through the PNG export, into an image the browser decodes; one
//! character XML refuses (a control character, U+FFFE, U+FFFF) makes the whole
//! picture unreadable. Such characters become U+FFFD (the replacement
//! character, "�"), so the reader sees that something was there.
//!
//! Replaced: every character outside XML 1.0's `Char` production (C0 controls
//! except tab, line feed and carriage return; U+FFFE, U+FFFF), plus what the
//! XML and Unicode standards discourage: DEL and the C1 controls
//! (U+007F–U+009F) and every noncharacter (U+FDD0–U+FDEF and the last two
//! code points of each plane). Rust strings cannot hold lone surrogates, so
//! those never occur. O(length).

/// Whether `c` can appear in XML text as it is (see the module docs).
pub fn is_xml_safe(c: char) -> bool {
    let code = c as u32;
    let control = code < 0x20 && !matches!(c, '\t' | '\n' | '\r') || (0x7F..=0x9F).contains(&code);
    let noncharacter = (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE;
    !(control || noncharacter)
}

/// `c`, or U+FFFD when XML cannot carry it.
pub fn xml_safe(c: char) -> char {
    if is_xml_safe(c) {
        c
    } else {
        '\u{FFFD}'
    }
}

/// Escapes text for SVG/XML content and attribute values. Tab, line feed and
/// carriage return are written as character references, so that they survive
/// attribute-value normalisation exactly.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(xml_safe(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_replaced() {
        assert_eq!(escape_xml("a\u{1}b"), "a\u{FFFD}b");
        assert_eq!(escape_xml("\u{FFFE}\u{FFFF}\u{FDD0}\u{1FFFF}\u{10FFFE}\u{85}"), "\u{FFFD}".repeat(6));
        assert_eq!(escape_xml("A & B <i>\"'\t\n"), "A &amp; B &lt;i&gt;&quot;&#39;&#9;&#10;");
        assert_eq!(escape_xml("카카오톡 😀 \u{FFFD}"), "카카오톡 😀 \u{FFFD}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// XML 1.0 `Char` (§2.2), written from the standard's ranges.
        fn xml_char(code: u32) -> bool {
            matches!(code, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
        }

        /// Discouraged by XML 1.0 §2.2 and Unicode: DEL, C1 controls, noncharacters.
        fn discouraged(code: u32) -> bool {
            let noncharacters = (0xFDD0..=0xFDEF).contains(&code)
                || (0..=0x10).any(|plane: u32| code == plane * 0x10000 + 0xFFFE || code == plane * 0x10000 + 0xFFFF);
            (0x7F..=0x9F).contains(&code) || noncharacters
        }

        /// What a reader gets back: the text with every character XML cannot carry as U+FFFD.
        fn expected(text: &str) -> String {
            text.chars()
                .map(|c| if xml_char(c as u32) && !discouraged(c as u32) { c } else { '\u{FFFD}' })
                .collect()
        }

        /// Any characters, with the troublesome ones over-represented.
        fn hostile_text() -> impl Strategy<Value = String> {
            let special = prop::sample::select(vec![
                '\u{0}', '\u{1}', '\t', '\n', '\r', '\u{1F}', '\u{7F}', '\u{85}', '\u{9F}', '&', '<', '>', '"', '\'',
                '\u{D7FF}', '\u{E000}', '\u{FDD0}', '\u{FDEF}', '\u{FFFD}', '\u{FFFE}', '\u{FFFF}', '\u{1FFFE}',
                '\u{10FFFF}', '\u{10000}', ']', ';', '#',
            ]);
            proptest::collection::vec(prop_oneof![any::<char>(), special], 0..40).prop_map(|cs| cs.into_iter().collect())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn a_real_xml_parser_reads_back_what_was_written(text in hostile_text()) {
                let escaped = escape_xml(&text);
                let xml = format!("<t label=\"{escaped}\">{escaped}</t>");
                let document = roxmltree::Document::parse(&xml)
                    .map_err(|e| TestCaseError::fail(format!("{e}: {xml:?}")))?;
                let root = document.root_element();
                let want = expected(&text);
                prop_assert_eq!(root.attribute("label"), Some(want.as_str()));
                prop_assert_eq!(root.text().unwrap_or(""), want.as_str());
            }
        }
    }
}
