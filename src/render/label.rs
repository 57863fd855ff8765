//! Fitting a label into a node box: cut with an ellipsis, or wrapped at
//! spaces onto a few lines. O(label length).

/// Cuts a label to `max` characters with an ellipsis.
pub fn truncate_label(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_owned();
    }
    let kept: String = label.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Breaks a label into at most `max_lines` lines of at most `max_chars`,
/// at spaces where it can; what does not fit ends in an ellipsis.
pub fn wrap_label(label: &str, max_chars: usize, max_lines: usize) -> Vec<String> {
    let max_chars = max_chars.max(2);
    let mut lines: Vec<String> = Vec::new();
    let mut rest = label.trim();
    while !rest.is_empty() && lines.len() < max_lines {
        if lines.len() + 1 == max_lines || rest.chars().count() <= max_chars {
            lines.push(truncate_label(rest, max_chars));
            break;
        }
        // The last space that leaves the line within bounds, else a hard cut.
        let byte_limit = rest.char_indices().nth(max_chars).map_or(rest.len(), |(i, _)| i);
        let cut = rest[..byte_limit].rfind(' ').filter(|&i| i > 0).unwrap_or(byte_limit);
        lines.push(rest[..cut].trim_end().to_owned());
        rest = rest[cut..].trim_start();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_long_labels_only() {
        assert_eq!(truncate_label("Kakao Pay", 21), "Kakao Pay");
        assert_eq!(truncate_label("KakaoBank account-linked features", 19), "KakaoBank account-…");
        assert_eq!(truncate_label("카카오톡 메시지 전송과 수신 서비스 전체", 10), "카카오톡 메시지…");
    }

    #[test]
    fn wraps_labels_at_spaces() {
        assert_eq!(wrap_label("Kakao Pay", 10, 2), ["Kakao Pay"]);
        assert_eq!(wrap_label("KakaoTalk photo sending", 13, 2), ["KakaoTalk", "photo sending"]);
        assert_eq!(wrap_label("Kakao Login (3rd parties) and more", 12, 2), ["Kakao Login", "(3rd partie…"]);
        assert_eq!(wrap_label("Supercalifragilistic", 8, 2), ["Supercal", "ifragil…"]);
        assert!(wrap_label("", 8, 2).is_empty());
    }
}
