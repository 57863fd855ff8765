//! The big map's minimap: centring the view on a point of the map.

use super::*;
use crate::layout::Point;

#[test]
fn centring_puts_the_point_in_the_middle_at_the_same_zoom_and_stores_the_view() {
    let mut e = Editor::new(doc(SMALL));
    let point = Point { x: 120.0, y: 40.0 };
    assert!(e.apply(Action::CentreOn(point)).is_noop(), "no viewport, no view yet");
    e.apply(Action::MapResized { width: 1000.0, height: 800.0 });
    let before = e.view().unwrap();
    let update = e.apply(Action::CentreOn(point));
    let after = e.view().unwrap();
    assert_eq!(after.scale, before.scale);
    let middle = after.to_screen(point);
    assert!((middle.x - 500.0).abs() < 1e-9 && (middle.y - 400.0).abs() < 1e-9, "{middle:?}");
    assert!(update.effects.iter().any(|effect| matches!(effect, Effect::SaveView(v) if *v == after)));
    assert!(!e.can_undo(), "moving the view is no undo step");
}

#[test]
fn a_point_that_is_not_a_number_changes_nothing() {
    let mut e = editor(SMALL);
    assert!(e.apply(Action::CentreOn(Point { x: f64::NAN, y: 0.0 })).is_noop());
    assert!(e.apply(Action::CentreOn(Point { x: 0.0, y: f64::INFINITY })).is_noop());
}

#[test]
fn the_embed_may_move_its_view_but_stores_nothing() {
    let (mut embed, _) = Editor::start(startup(None, None, true));
    embed.apply(Action::MapResized { width: 600.0, height: 400.0 });
    let before = embed.view().unwrap();
    let update = embed.apply(Action::CentreOn(Point { x: 0.0, y: 0.0 }));
    assert_ne!(embed.view().unwrap(), before);
    assert!(!update.effects.iter().any(|effect| matches!(effect, Effect::SaveView(_))));
}

#[test]
fn a_new_viewport_size_is_news_to_the_map_even_when_the_view_stays() {
    let mut e = editor(SMALL);
    let view = e.view();
    let update = e.apply(Action::MapResized { width: 700.0, height: 500.0 });
    assert_eq!(e.view(), view, "a kept view stays");
    assert!(update.changed(Part::Viewport), "the map must learn what is in view now");
    assert_eq!(e.moved_by_gesture(&update), None);
    assert_eq!(e.viewport(), Some(Viewport { width: 700.0, height: 500.0 }));
    assert!(e.apply(Action::MapResized { width: 700.0, height: 500.0 }).is_noop(), "the same size again is nothing new");
}
