//! Spreadsheets as CSV: one row per node.
//!
//! Columns (a header row names them, in any order, case and surrounding
//! spaces ignored): `id` (required), `depends_on` (ids separated by `;`),
//! and the fields of [`super::fields`]: `label`, `kind`, `requires`, `users`,
//! `availability`, `recovery_hours`, `rebuild_hours`, `tolerance_hours`, `x`,
//! `y`, `notes`. A column with any other name is refused, as an unknown field
//! is in the JSON format (a typo would otherwise drop a whole column).
//! Ids and values are trimmed; labels and notes are kept as written. An empty
//! cell states nothing (a merge keeps the existing value); a row whose cells
//! are all empty is skipped; a row without kind is a feature when nothing
//! depends on it, else a service. A `depends_on` id that no row defines is an
//! error naming the row's line (or a placeholder). One leading `'` is removed
//! from text cells (id, label, depends_on, notes): spreadsheets and the
//! exporter write it to keep a cell that starts with `=`, `+`, `-` or `@` from
//! being run as a formula. O(size of the file).

use super::draft::{Draft, DraftNode, Reference};
use super::error::{ImportError, Location};
use super::fields::NodeField;
use crate::model::{Kind, Node, NodeId};
use std::sync::Arc;

/// The column that lists dependencies, and the separator between them.
pub const DEPENDS_ON: &str = "depends_on";
pub const SEPARATOR: char = ';';

/// Characters that make a spreadsheet read a cell as a formula, and the
/// quote that marks a cell as text (guarded too, so it round-trips).
const GUARDED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A text cell as written to CSV: with a `'` in front if it could be taken
/// for a formula (or starts with `'`).
pub fn guard(cell: &str) -> String {
    if cell.starts_with(GUARDED) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// A text cell as read from CSV: one leading `'` removed.
pub fn unguard(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// What a column holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    DependsOn,
    Field(NodeField),
}

pub(crate) fn read(files: &[(Arc<str>, &str)]) -> Result<Draft, ImportError> {
    let mut draft = Draft::default();
    for (file, text) in files {
        read_file(file, text, &mut draft)?;
    }
    Ok(draft)
}

fn read_file(file: &Arc<str>, text: &str, draft: &mut Draft) -> Result<(), ImportError> {
    let syntax = |error: csv::Error| ImportError::Syntax {
        at: Location::new(file, error.position().map(|p| p.line() as usize)),
        message: error.to_string(),
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let columns = columns(file, reader.headers().map_err(syntax)?)?;
    for record in reader.records() {
        let record = record.map_err(syntax)?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let at = Location::new(file, Some(line));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() > columns.len() {
            return Err(ImportError::Syntax {
                at,
                message: format!("the row has {} cells but the header names {} columns", record.len(), columns.len()),
            });
        }
        let cell = |wanted: Column| columns.iter().position(|&c| c == wanted).and_then(|i| record.get(i)).unwrap_or("");
        let id = unguard(cell(Column::Id).trim()).trim();
        if id.is_empty() {
            return Err(ImportError::Invalid { at, entity: format!("row at line {line}"), message: "the id is empty".to_owned() });
        }
        let mut drafted = DraftNode::new(Node::new(id, Kind::Service), at.clone());
        for (&column, value) in columns.iter().zip(record.iter()) {
            let Column::Field(field) = column else { continue };
            if value.trim().is_empty() {
                continue;
            }
            let value = if matches!(field, NodeField::Label | NodeField::Notes) { unguard(value) } else { value };
            field.parse_into(value, &mut drafted.node).map_err(|message| ImportError::Invalid {
                at: at.clone(),
                entity: format!("node \"{id}\""),
                message,
            })?;
            drafted.stated.insert(field);
        }
        drafted.references = unguard(cell(Column::DependsOn).trim_start())
            .split(SEPARATOR)
            .map(str::trim)
            .filter(|target| !target.is_empty())
            .map(|target| Reference { target: NodeId::from(target), at: at.clone(), placeholder_kind: Kind::Service })
            .collect();
        draft.nodes.push(drafted);
    }
    Ok(())
}

fn columns(file: &Arc<str>, header: &csv::StringRecord) -> Result<Vec<Column>, ImportError> {
    let at = Location::new(file, Some(header.position().map_or(1, |p| p.line() as usize)));
    let mut columns = Vec::with_capacity(header.len());
    for name in header {
        let name = name.trim().to_ascii_lowercase();
        let column = match name.as_str() {
            "id" => Column::Id,
            DEPENDS_ON => Column::DependsOn,
            other => match NodeField::from_name(other) {
                Some(field) => Column::Field(field),
                None => {
                    let known: Vec<&str> = NodeField::ALL.iter().map(|f| f.name()).collect();
                    return Err(ImportError::Syntax {
                        at,
                        message: format!("unknown column \"{name}\"; the columns are id, depends_on, {}", known.join(", ")),
                    });
                }
            },
        };
        if columns.contains(&column) {
            return Err(ImportError::Syntax { at, message: format!("the column \"{name}\" appears twice") });
        }
        columns.push(column);
    }
    if !columns.contains(&Column::Id) {
        return Err(ImportError::Syntax { at, message: "the header has no id column".to_owned() });
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::import_as;
    use crate::import::Format;
    use crate::model::{Document, Requirement};

    fn import(text: &str) -> Result<Document, ImportError> {
        import_as(Format::Csv, "nodes.csv", &[text], false)
    }

    #[test]
    fn reads_rows_in_any_column_order() {
        let document = import(
            " Kind ,ID,depends_on,label,users,requires\nfeature,pay,api; auth ,\"Payments, online\",23000000,\nservice,api,,,,\n,auth,,,,\n,,,,,\nservice,web,api;auth,,,any\n",
        )
        .unwrap();
        let pay = &document.nodes[0];
        assert_eq!((pay.kind, pay.label(), pay.users), (Kind::Feature, "Payments, online", 23_000_000));
        assert_eq!(pay.depends_on, vec![NodeId::from("api"), NodeId::from("auth")]);
        // No kind and depended on: a service.
        assert_eq!(document.nodes[2].kind, Kind::Service);
        assert_eq!(document.nodes[3].requires, Requirement::Any);
        assert_eq!(document.nodes.len(), 4);
    }

    #[test]
    fn errors_name_line_and_node() {
        let error = |text| import(text).unwrap_err().to_string();
        assert_eq!(
            error("id,users\na,1\nb,many\n"),
            "nodes.csv line 3: node \"b\": users: \"many\" is not a whole number of users"
        );
        assert!(error("id,depend_on\n").starts_with("nodes.csv line 1: unknown column \"depend_on\"; the columns are id, depends_on, label"));
        assert_eq!(error("label\nx\n"), "nodes.csv line 1: the header has no id column");
        assert_eq!(
            error("id,depends_on\na,b\n"),
            "nodes.csv line 2: a depends on \"b\", which is not in the imported files (import with placeholders to keep it as an unknown node)"
        );
        assert_eq!(error("id,kind\na,feature,x\n"), "nodes.csv line 2: the row has 3 cells but the header names 2 columns");
        assert_eq!(error("id,kind\na,service\n,feature\n"), "nodes.csv line 3: row at line 3: the id is empty");
        assert_eq!(error("id\na\na\n"), "a is defined twice: at nodes.csv line 2 and at nodes.csv line 3");
    }
}
