//! One component per file; each gets narrow props and callbacks.

mod header;
mod legend;
mod map;
mod side_panel;

pub use header::Header;
pub use legend::Legend;
pub use map::Map;
pub use side_panel::SidePanel;
