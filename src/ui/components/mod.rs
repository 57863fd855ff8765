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

use web_sys::HtmlSelectElement;
use yew::{Callback, Event, TargetCast};

/// For a menu-like `<select>` whose options are numbered from 0 after a
/// placeholder: hands over the picked number and shows the placeholder again,
/// so the same entry can be picked twice.
fn on_pick(on_index: &Callback<usize>) -> Callback<Event> {
    let on_index = on_index.clone();
    Callback::from(move |event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        if let Ok(index) = select.value().parse::<usize>() {
            on_index.emit(index);
        }
        select.set_value("");
    })
}
