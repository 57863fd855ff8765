//! The model as a CSV spreadsheet, one row per node, that `blackout import`
//! reads back into the same nodes.
//!
//! Columns: `id, label, kind, requires, depends_on, users, availability,
//! recovery_hours, rebuild_hours, tolerance_hours, x, y, notes`; dependencies
//! separated by `;`; defaults as empty cells. A CSV carries nodes only: not the
//! title, notes, audience or scenarios of the document, nor a label or notes
//! that are empty or only spaces (they read back as none).
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula,
//! so a text cell (id, label, depends_on, notes) that starts with one of those,
//! with a tab, a carriage return or with `'` is written with a `'` in front, the
//! spreadsheet convention for "this is text"; the importer removes one leading
//! `'` from text cells ([`crate::import::csv::unguard`]). O(size of the model).

use crate::import::csv::{guard, DEPENDS_ON, SEPARATOR};
use crate::import::NodeField;
use crate::model::{Document, NodeId};
use thiserror::Error;

/// A model the CSV form cannot carry.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CsvExportError {
    #[error("node \"{0}\": an id with a ';' cannot be written to CSV, where ';' separates dependencies")]
    SeparatorInId(NodeId),
    #[error("node \"{0}\": an id that starts or ends with spaces cannot be written to CSV, which trims ids")]
    SpacesAroundId(NodeId),
}

/// The CSV text of `document`'s nodes.
pub fn write(document: &Document) -> Result<String, CsvExportError> {
    for id in document.nodes.iter().map(|n| &n.id) {
        if id.as_str().contains(SEPARATOR) {
            return Err(CsvExportError::SeparatorInId(id.clone()));
        }
        if id.as_str().trim() != id.as_str() {
            return Err(CsvExportError::SpacesAroundId(id.clone()));
        }
    }
    let mut header = vec!["id", "label", "kind", "requires", DEPENDS_ON];
    let fields: Vec<NodeField> = NodeField::ALL
        .into_iter()
        .filter(|f| !matches!(f, NodeField::Label | NodeField::Kind | NodeField::Requires))
        .collect();
    header.extend(fields.iter().map(|f| f.name()));
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(&header).expect("writing to memory cannot fail");
    for node in &document.nodes {
        let text = |field: NodeField| field.format(node).unwrap_or_default();
        let depends_on: Vec<&str> = node.depends_on.iter().map(NodeId::as_str).collect();
        let mut row = vec![
            guard(node.id.as_str()),
            guard(&text(NodeField::Label)),
            text(NodeField::Kind),
            text(NodeField::Requires),
            guard(&depends_on.join(&SEPARATOR.to_string())),
        ];
        row.extend(fields.iter().map(|&field| if field == NodeField::Notes { guard(&text(field)) } else { text(field) }));
        writer.write_record(&row).expect("writing to memory cannot fail");
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    Ok(String::from_utf8(bytes).expect("the cells are UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::{import_as, random_document, Text};
    use crate::import::Format;
    use crate::model::{Kind, Node};
    use proptest::prelude::*;

    fn read_back(text: &str) -> Document {
        import_as(Format::Csv, "nodes.csv", &[text], false).unwrap()
    }

    #[test]
    fn writes_one_row_per_node_and_guards_formulas() {
        let mut pay = Node::new("pay", Kind::Feature);
        pay.label = Some("=HYPERLINK(\"x\")".to_owned());
        pay.users = 23_000_000;
        pay.depends_on = vec!["api".into(), "-db".into()];
        pay.x = Some(-4.5);
        let mut db = Node::new("-db", Kind::Datastore);
        db.notes = Some("'quoted', two lines\nhere".to_owned());
        let document = Document { nodes: vec![pay, Node::new("api", Kind::Service), db], ..Document::default() };
        let text = write(&document).unwrap();
        assert_eq!(
            text,
            "id,label,kind,requires,depends_on,users,availability,recovery_hours,rebuild_hours,tolerance_hours,x,y,notes\r\n\
             pay,\"'=HYPERLINK(\"\"x\"\")\",feature,,api;-db,23000000,,,,,-4.5,,\r\n\
             api,,service,,,,,,,,,,\r\n\
             '-db,,datastore,,,,,,,,,,\"''quoted', two lines\nhere\"\r\n"
        );
        assert_eq!(read_back(&text), document);
    }

    #[test]
    fn refuses_ids_it_cannot_carry() {
        let document = Document { nodes: vec![Node::new("a;b", Kind::Service)], ..Document::default() };
        assert_eq!(write(&document).unwrap_err(), CsvExportError::SeparatorInId("a;b".into()));
        let document = Document { nodes: vec![Node::new(" a", Kind::Service)], ..Document::default() };
        assert_eq!(
            write(&document).unwrap_err().to_string(),
            "node \" a\": an id that starts or ends with spaces cannot be written to CSV, which trims ids"
        );
    }

    proptest! {
        /// Every model's nodes survive CSV.
        #[test]
        fn round_trips(seed in any::<u64>()) {
            let document = random_document(seed, Text::Plain);
            let back = read_back(&write(&document).unwrap());
            prop_assert_eq!(back.nodes, document.nodes);
        }
    }
}
