//! The view while a gesture moves it, shown without rendering the app.
//!
//! A pan or wheel step inside a gesture changes nothing but the view
//! ([`crate::editor::Editor::moved_by_gesture`]), and on screen that is a few
//! CSS transforms: the map keeps its detail for the gesture's start view.
//! Rendering the app for it (every component's props compared, the map's
//! attributes written, the minimap's outline painted again) was a quarter of
//! a wheel step at 10,000 nodes. So the store does not render for such a
//! step ([`super::store`]); [`super::store::Dispatch`] sends the view here,
//! and each part of the map that follows the view writes its own transform.
//! Every other change of the view is sent too, and also renders: a part
//! whose props end up as they were (a pinch cancelled back to where it
//! began) is not rendered again, and must not keep the gesture's transform.

use crate::layout::View;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use yew::prelude::*;

type Show = Rc<dyn Fn(View)>;

/// Where a gesture's views go: the parts of the map watching them.
#[derive(Default)]
pub struct ViewFeed {
    watchers: RefCell<Vec<(u64, Show)>>,
    next_id: Cell<u64>,
}

/// A registration with a [`ViewFeed`]; dropping it ends the watching.
pub struct Watching {
    feed: Weak<ViewFeed>,
    id: u64,
}

impl Drop for Watching {
    fn drop(&mut self) {
        if let Some(feed) = self.feed.upgrade() {
            feed.watchers.borrow_mut().retain(|(id, _)| *id != self.id);
        }
    }
}

impl ViewFeed {
    /// Calls `show` with every view sent from now until the result is dropped.
    pub fn watch(self: &Rc<Self>, show: impl Fn(View) + 'static) -> Watching {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        self.watchers.borrow_mut().push((id, Rc::new(show)));
        Watching { feed: Rc::downgrade(self), id }
    }

    pub fn send(&self, view: View) {
        // Copied out first: a watcher may start or end a watch.
        let watchers: Vec<Show> = self.watchers.borrow().iter().map(|(_, show)| Rc::clone(show)).collect();
        for show in watchers {
            show(view);
        }
    }
}

/// A feed in props: equal to itself only.
#[derive(Clone)]
pub struct Feed(pub Rc<ViewFeed>);

impl PartialEq for Feed {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Shows `view` with `show` after every render, and every view the feed
/// sends in between. `show` is the latest render's (it may hold what that
/// render knew, such as the view the canvas was drawn for).
#[hook]
pub fn use_follow_view(feed: &Feed, view: View, show: impl Fn(View) + 'static) {
    let latest = use_mut_ref(|| None::<Show>);
    {
        let latest = latest.clone();
        let show: Show = Rc::new(show);
        use_effect(move || {
            show(view);
            *latest.borrow_mut() = Some(show);
        });
    }
    use_effect_with(feed.clone(), move |feed| {
        let watching = feed.0.watch(move |view| {
            let show = latest.borrow().clone();
            if let Some(show) = show {
                show(view);
            }
        });
        move || drop(watching)
    });
}

/// One element's CSS `transform`, written straight to the DOM: the element
/// is rendered without it, so a render never writes an older one back.
/// Writing the same transform to the same element again is skipped.
#[derive(Default)]
pub struct Transform {
    node: NodeRef,
    written: RefCell<Option<(web_sys::HtmlElement, String)>>,
}

impl Transform {
    /// For the element's `ref`.
    pub fn node(&self) -> NodeRef {
        self.node.clone()
    }

    pub fn set(&self, transform: String) {
        let Some(element) = self.node.cast::<web_sys::HtmlElement>() else { return };
        let mut written = self.written.borrow_mut();
        if written.as_ref().is_some_and(|(on, value)| *on == element && *value == transform) {
            return;
        }
        let _ = element.style().set_property("transform", &transform);
        *written = Some((element, transform));
    }
}

/// `translate(x, y) scale(s)`: a view's screen = map · s + t.
pub fn translate_scale(x: f64, y: f64, scale: f64) -> String {
    format!("translate({x:.2}px, {y:.2}px) scale({scale:.6})")
}
