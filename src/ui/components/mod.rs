//! One component per file; each gets narrow props and callbacks.

mod header;
mod help;
mod legend;
mod map;
mod properties;
mod side_panel;
mod toolbar;

pub use header::Header;
pub use help::Help;
pub use legend::Legend;
pub use map::{Map, MapEditing};
pub use properties::Properties;
pub use side_panel::SidePanel;
pub use toolbar::Toolbar;
