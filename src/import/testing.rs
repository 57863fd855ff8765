//! Random valid models for the property tests of importers, exporters and
//! the merge: every field used, and with [`Text::Wild`] ids and text full of
//! what breaks formats (quotes, backslashes, new lines, control characters,
//! separators, entities, non-ASCII).

use super::{detect_and_read, Format, ImportError, ImportOptions};
use crate::generate::SplitMix64;
use crate::model::{Document, Kind, Node, NodeId, Requirement, Scenario};

/// Imports `texts` (all called `name`) as `format`.
pub(crate) fn import_as(format: Format, name: &str, texts: &[&str], placeholders: bool) -> Result<Document, ImportError> {
    let files: Vec<(&str, &str)> = texts.iter().map(|text| (name, *text)).collect();
    let options = ImportOptions { format: Some(format), placeholders };
    detect_and_read(&files, &options).map(|imported| imported.document.into_document())
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Text {
    /// Ids `n0`…`n11` (so two documents share nodes) and text without
    /// leading or trailing spaces (what a spreadsheet keeps).
    Plain,
    /// Any characters.
    Wild,
}

const PLAIN: &[char] = &['a', 'b', 'Z', '0', ' ', ',', '"', '\'', '-', '.', 'é', '한', '😀', '&', '<', '/'];
const WILD: &[char] = &[
    'a', 'Z', '1', ' ', '"', '\\', '\n', '\r', '\t', '\u{0}', '\u{7}', '\u{7f}', '\u{85}', ';', ',', '&', '#', '<', '>', '{',
    '}', '[', ']', '=', '-', '>', 'é', '😀', 'n', 'l', '\u{feff}',
];

fn text(rng: &mut SplitMix64, style: Text, max: u64) -> String {
    let alphabet = if style == Text::Wild { WILD } else { PLAIN };
    let length = rng.below(max + 1) as usize;
    let text: String = (0..length).map(|_| alphabet[rng.below(alphabet.len() as u64) as usize]).collect();
    match style {
        Text::Wild => text,
        Text::Plain => {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                "x".to_owned()
            } else {
                trimmed.to_owned()
            }
        }
    }
}

fn number(rng: &mut SplitMix64) -> f64 {
    (rng.next() >> 11) as f64 / 7.0
}

pub(crate) fn random_document(seed: u64, style: Text) -> Document {
    let mut rng = SplitMix64(seed);
    let count = rng.below(10) as usize;
    let mut ids: Vec<String> = Vec::new();
    while ids.len() < count {
        let id = match style {
            Text::Plain => format!("n{}", rng.below(12)),
            Text::Wild => text(&mut rng, style, 6),
        };
        if !id.trim().is_empty() && !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut nodes = Vec::new();
    for id in &ids {
        let kind = Kind::ALL[rng.below(5) as usize];
        let mut node = Node::new(id.as_str(), kind);
        if rng.below(2) == 0 {
            node.label = Some(text(&mut rng, style, 12));
        }
        node.depends_on = ids.iter().filter(|_| rng.below(3) == 0).map(|d| NodeId::from(d.as_str())).collect();
        let dependencies = node.depends_on.len() as u64;
        node.requires = match rng.below(3) {
            0 if dependencies > 0 => Requirement::AtLeast(1 + rng.below(dependencies) as u32),
            1 => Requirement::Any,
            _ => Requirement::All,
        };
        if rng.below(2) == 0 {
            // Any count the model takes, small and large (up to MAX_USERS).
            node.users = (rng.next() >> rng.below(64)) % (crate::model::MAX_USERS + 1);
        }
        if rng.below(2) == 0 {
            node.availability = Some(1.0 - (rng.next() >> 11) as f64 / (1u64 << 53) as f64);
        }
        if rng.below(2) == 0 {
            node.recovery_hours = Some(number(&mut rng));
        }
        if rng.below(3) == 0 {
            node.rebuild_hours = Some(number(&mut rng));
        }
        if kind == Kind::Feature && rng.below(2) == 0 {
            node.tolerance_hours = Some(number(&mut rng));
        }
        if rng.below(2) == 0 {
            node.x = Some(number(&mut rng) - 1e9);
            node.y = Some(-number(&mut rng));
        }
        if rng.below(3) == 0 {
            node.notes = Some(text(&mut rng, style, 20));
        }
        nodes.push(node);
    }
    let scenarios = (0..rng.below(3))
        .map(|i| Scenario {
            name: format!("scenario {i}"),
            fail: ids.iter().filter(|_| rng.below(3) == 0).map(|d| NodeId::from(d.as_str())).collect(),
        })
        .collect();
    Document {
        title: text(&mut rng, style, 10),
        notes: (rng.below(2) == 0).then(|| text(&mut rng, style, 10)),
        // Never below a feature's users (the model refuses that).
        audience: (rng.below(2) == 0).then_some(crate::model::MAX_USERS),
        nodes,
        scenarios,
        ..Document::default()
    }
}

#[test]
fn random_documents_are_valid_and_varied() {
    let mut kinds = std::collections::HashSet::new();
    for seed in 0..200 {
        for style in [Text::Plain, Text::Wild] {
            let document = random_document(seed, style);
            crate::model::ValidDocument::new(document.clone()).unwrap();
            kinds.extend(document.nodes.iter().map(|n| n.kind));
        }
    }
    assert_eq!(kinds.len(), 5);
}
