//! The app in a real browser (headless Chromium via wasm-bindgen-test):
//! it mounts on the Kakao example, marks single points of failure, and
//! click-to-fail darkens what depends on the clicked node. (Clicks here are
//! synthetic, without a pointer: they reach the editor as `Activate`, the
//! way assistive technology activates a node.)
#![cfg(target_arch = "wasm32")]

use blackout::ui::App;
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Yew renders asynchronously: let it run before looking at the DOM.
async fn settle() {
    TimeoutFuture::new(0).await;
    TimeoutFuture::new(0).await;
}

async fn mount() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    root.set_attribute("style", "width: 1280px; height: 800px").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    root
}

fn node(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-node-id=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("node {id} is on the map"))
}

fn click(element: &Element) {
    element.dispatch_event(&web_sys::MouseEvent::new("click").unwrap()).unwrap();
}

fn testid(root: &Element, id: &str) -> HtmlElement {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("{id} is on the page"))
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn opens_on_kakao_with_spofs_marked() {
    let root = mount().await;
    let nodes = root.query_selector_all("[data-node-id]").unwrap().length();
    assert!(nodes >= 50, "the Kakao example has {nodes} nodes on the map");
    assert_eq!(node(&root, "pangyo").get_attribute("data-spof").as_deref(), Some("true"));
    assert_eq!(node(&root, "anyang").get_attribute("data-spof"), None);
    assert_eq!(node(&root, "talk").get_attribute("data-state").as_deref(), Some("up"));
    // Nothing failed: the summary leads with the biggest risk, in people and hours.
    assert_eq!(testid(&root, "summary").inner_text(), "One building, SK C&C Pangyo, takes down 12 of 13 features — 47 M people, for 127.5 hours");
    assert!(gloo::utils::document().title().contains("Kakao"));
    root.remove();
}

#[wasm_bindgen_test]
async fn click_to_fail_and_reset() {
    let root = mount().await;
    click(&node(&root, "pangyo"));
    settle().await;
    assert_eq!(node(&root, "pangyo").get_attribute("data-state").as_deref(), Some("failed"));
    assert_eq!(node(&root, "talk").get_attribute("data-state").as_deref(), Some("down"));
    assert_eq!(node(&root, "bank-core").get_attribute("data-state").as_deref(), Some("up"));
    assert!(testid(&root, "summary").inner_text().starts_with("12 of 13 features dark"));

    // A second click restores the node.
    click(&node(&root, "pangyo"));
    settle().await;
    assert_eq!(node(&root, "talk").get_attribute("data-state").as_deref(), Some("up"));

    click(&node(&root, "anyang"));
    settle().await;
    // The click must have done something for "darkens nothing" to mean anything.
    assert_eq!(node(&root, "anyang").get_attribute("data-state").as_deref(), Some("failed"));
    assert!(testid(&root, "summary").inner_text().contains("All 13 features up"), "losing Anyang darkens nothing");
    testid(&root, "reset").click();
    settle().await;
    assert_eq!(node(&root, "anyang").get_attribute("data-state").as_deref(), Some("up"));
    root.remove();
}

#[wasm_bindgen_test]
async fn edit_mode_selects_instead_of_failing() {
    let root = mount().await;
    testid(&root, "mode-edit").click();
    settle().await;
    click(&node(&root, "pangyo"));
    settle().await;
    assert_eq!(node(&root, "pangyo").get_attribute("data-state").as_deref(), Some("up"));
    assert!(node(&root, "pangyo").get_attribute("class").unwrap_or_default().contains("selected"));
    testid(&root, "mode-simulate").click();
    settle().await;
    root.remove();
}
