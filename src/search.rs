//! Finding a node by its label or id, as you type.
//!
//! Both the query and every label and id are **folded**: decomposed (Unicode
//! NFD), stripped of combining marks (so "é" matches "e" and "Pangyo"
//! matches "Pángyo"), lower-cased, with runs of white space made one space
//! and the ends trimmed. A node matches when its folded label or id contains
//! the folded query; how well is the better of the two:
//!
//! 1. [`MatchKind::Exact`]: equal to the query;
//! 2. [`MatchKind::Prefix`]: starts with it;
//! 3. [`MatchKind::WordPrefix`]: a word starts with it (the query follows a
//!    character that is not a letter or digit: "pangyo" in "sk c&c pangyo");
//! 4. [`MatchKind::Substring`]: anywhere else.
//!
//! Hits are ranked by kind, then by the length of the label (the closest
//! name first), then by document order. An empty query finds nothing.
//!
//! [`NodeSearch::new`] folds every label and id once, O(total text); each
//! query is then one substring scan of the folded text, O(total text +
//! occurrences), and a partial sort of the hits, O(hits + limit log limit).
//! `benches/search.rs` measures 50,000 nodes.

use crate::model::{Document, NodeIndex};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// How a node's label or id matched the query, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    Exact,
    Prefix,
    WordPrefix,
    Substring,
}

/// One node found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub node: NodeIndex,
    pub kind: MatchKind,
}

/// Text as search compares it: no accents, lower case, single spaces.
///
/// Each character is decomposed on its own and its combining marks dropped:
/// the same as NFD then dropping marks, because NFD only adds a reordering
/// of combining marks (characters of non-zero combining class, all marks),
/// which are dropped anyway. Doing without the reordering keeps the
/// normalisation tables the app would carry to the decompositions alone.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut push = |c: char| {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            return;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    };
    for c in text.chars() {
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                d.to_lowercase().for_each(&mut push);
            }
        });
    }
    out
}

/// Every node's folded label and id, ready to be searched as you type.
///
/// They are stored end to end in one buffer, each followed by a line break
/// (which folding never leaves in text), so that a query is one substring
/// scan of the whole buffer rather than 2n short ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeSearch {
    /// label₀ '\n' id₀ '\n' label₁ '\n' id₁ '\n' …
    text: String,
    /// Where each field starts in `text`: node v's label is field 2v, its id 2v + 1.
    starts: Vec<usize>,
    /// The label's length in characters, to rank the closest name first.
    label_lengths: Vec<usize>,
}

const SEPARATOR: char = '\n';

impl NodeSearch {
    /// Folds every label and id of `document`. O(total text).
    pub fn new(document: &Document) -> NodeSearch {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(2 * document.nodes.len() + 1);
        for node in &document.nodes {
            for field in [node.label(), node.id.as_str()] {
                starts.push(text.len());
                text.push_str(&fold(field));
                text.push(SEPARATOR);
            }
        }
        starts.push(text.len());
        NodeSearch {
            text,
            starts,
            label_lengths: document.nodes.iter().map(|n| n.label().chars().count()).collect(),
        }
    }

    /// The best `limit` nodes for `query`, ranked as the module describes.
    pub fn find(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let query = fold(query);
        let Some(first) = query.chars().next() else {
            return Vec::new();
        };
        if limit == 0 {
            return Vec::new();
        }
        // Each occurrence, overlapping ones included (a later one may start a word).
        let mut hits: Vec<(MatchKind, usize, NodeIndex)> = Vec::new();
        let mut from = 0;
        while let Some(found) = self.text[from..].find(query.as_str()) {
            let at = from + found;
            from = at + first.len_utf8();
            // The query holds no separator, so the match lies inside one field.
            let field = self.starts.partition_point(|&start| start <= at) - 1;
            let (start, end) = (self.starts[field], self.starts[field + 1] - SEPARATOR.len_utf8());
            let kind = if at == start && at + query.len() == end {
                MatchKind::Exact
            } else if at == start {
                MatchKind::Prefix
            } else if self.text[start..at].chars().next_back().is_some_and(|c| !c.is_alphanumeric()) {
                MatchKind::WordPrefix
            } else {
                MatchKind::Substring
            };
            if kind != MatchKind::Substring {
                // Nothing later in this field can match better.
                from = end;
            }
            let node = (field / 2) as NodeIndex;
            // Matches come in text order, so a node's are consecutive: keep its best.
            match hits.last_mut() {
                Some(last) if last.2 == node => last.0 = last.0.min(kind),
                _ => hits.push((kind, self.label_lengths[node as usize], node)),
            }
        }
        if hits.len() > limit {
            hits.select_nth_unstable(limit - 1);
            hits.truncate(limit);
        }
        hits.sort_unstable();
        hits.into_iter().map(|(kind, _, node)| SearchHit { node, kind }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Node};
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    fn document(labels: &[(&str, &str)]) -> Document {
        let nodes = labels
            .iter()
            .map(|(id, label)| {
                let mut node = Node::new(*id, Kind::Service);
                node.label = (!label.is_empty()).then(|| (*label).to_owned());
                node
            })
            .collect();
        Document { nodes, ..Document::default() }
    }

    fn found(search: &NodeSearch, query: &str) -> Vec<(NodeIndex, MatchKind)> {
        search.find(query, 10).into_iter().map(|hit| (hit.node, hit.kind)).collect()
    }

    #[test]
    fn folds_accents_case_and_spaces() {
        assert_eq!(fold("  Pángyo   DATA\tcenter "), "pangyo data center");
        assert_eq!(fold("Ærø Ŝtraße"), "ærø straße");
        assert_eq!(fold("카카오톡"), "카카오톡".nfd().collect::<String>());
    }

    #[test]
    fn ranks_exact_then_prefix_then_word_then_substring() {
        let search = NodeSearch::new(&document(&[
            ("dc-2", "Backup Pangyo site"),
            ("pangyo", "SK C&C Pangyo"),
            ("p2", "Pangyo standby"),
            ("p3", "Pangyo"),
            ("x", "Unpangyoed"),
            ("grid", "KEPCO grid"),
        ]));
        // Exact ties rank by label length: "Pangyo" before "SK C&C Pangyo" (exact by its id).
        assert_eq!(
            found(&search, "PANGYO"),
            vec![
                (3, MatchKind::Exact),
                (1, MatchKind::Exact),
                (2, MatchKind::Prefix),
                (0, MatchKind::WordPrefix),
                (4, MatchKind::Substring),
            ]
        );
        assert_eq!(found(&search, "pángyo st"), vec![(2, MatchKind::Prefix)]);
        assert!(found(&search, "").is_empty());
        assert!(found(&search, "   ").is_empty());
        assert!(found(&search, "nowhere").is_empty());
        assert_eq!(search.find("o", 2).len(), 2, "the limit holds");
    }

    #[test]
    fn finds_by_id_and_korean_labels() {
        let search = NodeSearch::new(&document(&[("talk", "카카오톡 메시지"), ("ups-pangyo", "UPS battery room B3")]));
        assert_eq!(found(&search, "카카오"), vec![(0, MatchKind::Prefix)]);
        assert_eq!(found(&search, "메시지"), vec![(0, MatchKind::WordPrefix)]);
        assert_eq!(found(&search, "ups-pan"), vec![(1, MatchKind::Prefix)]);
        assert_eq!(found(&search, "pangyo"), vec![(1, MatchKind::WordPrefix)]);
        // The first occurrence is inside a word, an overlapping later one starts one.
        let search = NodeSearch::new(&document(&[("n", "xa-a-a")]));
        assert_eq!(found(&search, "a-a"), vec![(0, MatchKind::WordPrefix)]);
    }

    /// The ranking straight from the definition, over every node.
    fn by_definition(labels: &[(String, String)], query: &str) -> Vec<(MatchKind, usize, NodeIndex)> {
        let query = fold(query);
        if query.is_empty() {
            return Vec::new();
        }
        let classify = |text: &str| -> Option<MatchKind> {
            let text = fold(text);
            let chars: Vec<char> = text.chars().collect();
            let q: Vec<char> = query.chars().collect();
            let starts: Vec<usize> = (0..=chars.len().saturating_sub(q.len()))
                .filter(|&i| i + q.len() <= chars.len() && chars[i..i + q.len()] == q[..])
                .collect();
            if chars == q {
                Some(MatchKind::Exact)
            } else if starts.contains(&0) {
                Some(MatchKind::Prefix)
            } else if starts.iter().any(|&i| !chars[i - 1].is_alphanumeric()) {
                Some(MatchKind::WordPrefix)
            } else if !starts.is_empty() {
                Some(MatchKind::Substring)
            } else {
                None
            }
        };
        let mut hits: Vec<_> = labels
            .iter()
            .enumerate()
            .filter_map(|(i, (id, label))| {
                let shown = if label.is_empty() { id } else { label };
                let kind = [classify(shown), classify(id)].into_iter().flatten().min()?;
                Some((kind, shown.chars().count(), i as NodeIndex))
            })
            .collect();
        hits.sort();
        hits
    }

    /// The module's definition of folding, written with the full NFD.
    fn fold_by_definition(text: &str) -> String {
        let stripped: String = text.nfd().filter(|&c| !is_combining_mark(c)).flat_map(char::to_lowercase).collect();
        stripped.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest! {
        #[test]
        fn folding_is_nfd_without_marks(text in any::<String>(), accented in "[aeoAEO\u{300}-\u{36F}\u{1DC0}-\u{1DFF} \t가-힣ǅΆ-Ͽ]{0,24}") {
            prop_assert_eq!(fold(&text), fold_by_definition(&text));
            prop_assert_eq!(fold(&accented), fold_by_definition(&accented));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn search_matches_the_definition(
            labels in proptest::collection::vec(("[a-c]{1,3}", "[a-cé É-]{0,8}"), 1..20),
            query in "[a-cé É-]{0,4}",
            limit in 1usize..25,
        ) {
            // Ids must be unique; make them so.
            let labels: Vec<(String, String)> = labels.into_iter().enumerate().map(|(i, (id, l))| (format!("{id}{i}"), l)).collect();
            let spec: Vec<(&str, &str)> = labels.iter().map(|(id, l)| (id.as_str(), l.as_str())).collect();
            let search = NodeSearch::new(&document(&spec));
            let expected: Vec<(NodeIndex, MatchKind)> =
                by_definition(&labels, &query).into_iter().take(limit).map(|(k, _, n)| (n, k)).collect();
            let actual: Vec<(NodeIndex, MatchKind)> = search.find(&query, limit).into_iter().map(|h| (h.node, h.kind)).collect();
            prop_assert_eq!(actual, expected);
        }
    }
}
