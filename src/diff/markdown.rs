//! The risk diff as a pull-request comment: a one-line verdict, a table of
//! new, worse and removed single points of failure with the users they cut
//! off, the changed nodes, and the command that reproduces it locally.
//!
//! Text from the files (ids, labels) is escaped for Markdown and stripped of
//! control characters: the comment shows someone else's pull request. Long
//! lists are cut (GitHub refuses comments over 65,536 characters); the JSON
//! output always has everything.

use super::{FeatureChange, MeasureValue, RiskDiff};
use crate::model::{NodeId, ValidDocument};
use crate::report::format_users;
use std::fmt::Write;

/// Table rows per kind of change, and features or nodes named per row.
const MAX_ROWS: usize = 50;
const MAX_NAMED: usize = 8;

/// The comment for `delta` from `base` to `head`; `reproduce` is the
/// command line that recomputes it (shown in a code block).
pub fn to_markdown(delta: &RiskDiff, base: &ValidDocument, head: &ValidDocument, reproduce: &str) -> String {
    let mut out = String::new();
    let icon = if delta.has_new_risk() { "❌" } else { "✅" };
    let _ = writeln!(out, "### {icon} Blackout risk diff: {}\n", delta.verdict());

    let rows = delta.spofs_added.len() + delta.spofs_worse.len() + delta.spofs_removed.len();
    if rows > 0 {
        out.push_str("| change | single point of failure | features it takes down | users |\n");
        out.push_str("| --- | --- | --- | --- |\n");
        for spof in delta.spofs_added.iter().take(MAX_ROWS) {
            let _ = writeln!(
                out,
                "| **new** | {} | {} | {} |",
                node(head, &spof.id),
                features(&spof.features),
                format_users(spof.users)
            );
        }
        cut(&mut out, delta.spofs_added.len(), "new");
        for spof in delta.spofs_worse.iter().take(MAX_ROWS) {
            let _ = writeln!(
                out,
                "| **worse** | {} | now also {} | {} → {} |",
                node(head, &spof.id),
                features(&spof.new_features),
                format_users(spof.base_users),
                format_users(spof.users)
            );
        }
        cut(&mut out, delta.spofs_worse.len(), "worse");
        for spof in delta.spofs_removed.iter().take(MAX_ROWS) {
            let _ = writeln!(
                out,
                "| removed | {} | {} | {} |",
                node(base, &spof.id),
                features(&spof.features),
                format_users(spof.users)
            );
        }
        cut(&mut out, delta.spofs_removed.len(), "removed");
        out.push('\n');
    }

    let changed = delta.nodes_added.len() + delta.nodes_removed.len() + delta.nodes_changed.len();
    if changed == 0 {
        out.push_str("No node was added, removed or changed.\n\n");
    } else {
        out.push_str("**Changed nodes**\n\n");
        for (what, ids) in [("added", &delta.nodes_added), ("removed", &delta.nodes_removed), ("changed", &delta.nodes_changed)] {
            if !ids.is_empty() {
                let _ = writeln!(out, "- {} {what}: {}", ids.len(), id_list(ids));
            }
        }
        out.push('\n');
    }

    for measure in &delta.measures.0 {
        if measure.changes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "**{}**\n\n| feature | before | after |\n| --- | --- | --- |", escape(measure.measure.title));
        let unit = measure.measure.unit;
        let value = |value: Option<MeasureValue>| value.map_or_else(|| "—".to_owned(), |v| v.text(unit));
        for FeatureChange { id, base: before, head: after } in measure.changes.iter().take(MAX_ROWS) {
            let _ = writeln!(out, "| {} | {} | {} |", code(id), value(*before), value(*after));
        }
        cut(&mut out, measure.changes.len(), "changed");
        out.push('\n');
    }

    let _ = write!(
        out,
        "<details><summary>Reproduce locally</summary>\n\n```sh\n{}\n```\n\nExit code 1 means new risk; `--json` gives every entry.\n</details>\n",
        reproduce.replace("```", "'''")
    );
    out
}

fn cut(out: &mut String, total: usize, what: &str) {
    if total > MAX_ROWS {
        let _ = writeln!(out, "| … | {} more {what} | | |", total - MAX_ROWS);
    }
}

/// `` `id` `` followed by the label when it differs from the id.
fn node(document: &ValidDocument, id: &NodeId) -> String {
    let label = document.graph().index_of(id).map(|v| document.nodes[v as usize].label()).unwrap_or_default();
    if label.is_empty() || label == id.as_str() {
        code(id)
    } else {
        format!("{} {}", code(id), escape(label))
    }
}

fn features(ids: &[NodeId]) -> String {
    let named: Vec<String> = ids.iter().take(MAX_NAMED).map(code).collect();
    let mut text = named.join(", ");
    if ids.len() > MAX_NAMED {
        let _ = write!(text, " and {} more", ids.len() - MAX_NAMED);
    }
    text
}

fn id_list(ids: &[NodeId]) -> String {
    let named: Vec<String> = ids.iter().take(MAX_ROWS).map(code).collect();
    let mut text = named.join(", ");
    if ids.len() > MAX_ROWS {
        let _ = write!(text, " and {} more", ids.len() - MAX_ROWS);
    }
    text
}

/// An id as inline code. A backtick inside cannot close the span because the
/// fence is longer than any run of backticks in it.
fn code(id: &NodeId) -> String {
    let text = crate::report::terminal::escape_controls(id.as_str()).replace('|', "\\|");
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Free text (labels) with Markdown's special characters and HTML escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::report::terminal::escape_controls(text).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::parse;

    const BASE: &str = r#"{"version": 1, "nodes": [
        {"id": "talk", "label": "Messaging", "kind": "feature", "users": 47000000, "depends_on": ["api"]},
        {"id": "pay", "label": "Payments", "kind": "feature", "users": 23000000, "depends_on": ["auth"]},
        {"id": "api", "kind": "service", "requires": "any", "depends_on": ["dc-a", "dc-b"]},
        {"id": "auth", "kind": "service", "depends_on": ["dc-a"]},
        {"id": "dc-a", "kind": "datacenter"}, {"id": "dc-b", "kind": "datacenter"}]}"#;
    const HEAD: &str = r#"{"version": 1, "nodes": [
        {"id": "talk", "label": "Messaging", "kind": "feature", "users": 47000000, "depends_on": ["api"]},
        {"id": "pay", "label": "Payments", "kind": "feature", "users": 23000000, "depends_on": ["api"]},
        {"id": "api", "kind": "service", "depends_on": ["dc-a", "dc-b"]},
        {"id": "auth", "kind": "service", "requires": "any", "depends_on": ["dc-a", "dc-b"]},
        {"id": "dc-a", "kind": "datacenter"}, {"id": "dc-b", "label": "Site | <b>B</b>", "kind": "datacenter"}]}"#;

    #[test]
    fn a_comment_with_verdict_table_changes_and_reproduction() {
        let (base, head) = (parse(BASE).unwrap(), parse(HEAD).unwrap());
        let delta = crate::diff::diff(&base, &head);
        let text = to_markdown(&delta, &base, &head, "blackout diff base.json head.json --markdown");
        assert!(
            text.starts_with("### ❌ Blackout risk diff: 1 new single point of failure, 2 worse (1 single point of failure removed)\n"),
            "{text}"
        );
        assert!(text.contains("| **new** | `dc-b` Site \\| &lt;b&gt;B&lt;/b&gt; | `pay`, `talk` | 70 M |"), "{text}");
        assert!(text.contains("| **worse** | `api` | now also `pay` | 47 M → 70 M |"), "{text}");
        assert!(text.contains("| **worse** | `dc-a` | now also `talk` | 23 M → 70 M |"), "{text}");
        assert!(text.contains("| removed | `auth` | `pay` | 23 M |"), "{text}");
        assert!(text.contains("- 4 changed: `api`, `auth`, `dc-b`, `pay`"), "{text}");
        assert!(text.contains("```sh\nblackout diff base.json head.json --markdown\n```"), "{text}");
        let calm = to_markdown(&crate::diff::diff(&base, &base), &base, &base, "x");
        assert!(calm.starts_with("### ✅ Blackout risk diff: No new risk\n"), "{calm}");
        assert!(calm.contains("No node was added, removed or changed."), "{calm}");
    }

    #[test]
    fn file_text_cannot_break_the_table_or_inject_html() {
        assert_eq!(escape("Auth | <b>SSO</b>\u{1b}"), "Auth \\| &lt;b&gt;SSO&lt;/b&gt;\\\\u{1b}");
        assert_eq!(code(&NodeId::from("a`b|c")), "``a`b\\|c``");
    }
}
