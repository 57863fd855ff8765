//! The search box (`/` or Ctrl+K): finds nodes by label or id as you type.
//! Arrow keys move through the hits, Enter (or a click) selects one and
//! brings it into view, Escape closes. What is typed and found is the
//! editor's state; this component only draws it and sends keys as actions.

use crate::editor::{Action, SearchBox as Search, Snapshot};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties)]
pub struct SearchBoxProps {
    pub search: Search,
    pub snapshot: Snapshot,
    pub on_action: Callback<Action>,
}

impl PartialEq for SearchBoxProps {
    fn eq(&self, other: &Self) -> bool {
        self.search == other.search && self.snapshot.same(&other.snapshot)
    }
}

#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let input = use_node_ref();
    // The box opens to be typed in.
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }
    let on_input = props.on_action.reform(|event: InputEvent| Action::SearchInput(event.target_unchecked_into::<HtmlInputElement>().value()));
    let on_key = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: KeyboardEvent| {
            let action = match event.key().as_str() {
                "ArrowDown" => Action::SearchMove(1),
                "ArrowUp" => Action::SearchMove(-1),
                "Enter" => Action::SearchPick(None),
                "Escape" => Action::CloseSearch,
                _ => return,
            };
            event.prevent_default();
            on_action.emit(action);
        })
    };
    let on_blur = props.on_action.reform(|_: FocusEvent| Action::CloseSearch);
    let document = props.snapshot.document();
    let graph = document.graph();
    let search = &props.search;
    let hits = search.hits.iter().enumerate().filter_map(|(i, id)| {
        let node = graph.index_of(id)?;
        let current = i == search.cursor;
        // A press keeps the focus in the box (its blur would close it first).
        let on_press = Callback::from(|event: MouseEvent| event.prevent_default());
        let on_pick = props.on_action.reform(move |_: MouseEvent| Action::SearchPick(Some(i)));
        let label = document.nodes[node as usize].label();
        Some(html! {
            <li key={id.as_str()} id={format!("search-hit-{i}")} role="option" aria-selected={current.to_string()}
                class={classes!("hit", current.then_some("current"))} data-hit-id={id.as_str().to_owned()}
                onmousedown={on_press} onclick={on_pick}>
                <span class={classes!("dot", format!("kind-{}", graph.kind(node).as_str()))}></span>
                <span class="name">{ label }</span>
                if label != id.as_str() {
                    <span class="hit-id">{ id.as_str() }</span>
                }
            </li>
        })
    });
    let nothing_found = !search.query.trim().is_empty() && search.hits.is_empty();
    html! {
        <div class="search-box" role="search">
            <input ref={input} type="search" data-testid="search" placeholder="Find a node by name or id"
                aria-label="Find a node by name or id" aria-controls="search-hits" autocomplete="off" spellcheck="false"
                aria-activedescendant={(!search.hits.is_empty()).then(|| format!("search-hit-{}", search.cursor))}
                value={search.query.clone()} oninput={on_input} onkeydown={on_key} onblur={on_blur} />
            <ul id="search-hits" role="listbox" data-testid="search-hits" aria-label="Nodes found">{ for hits }</ul>
            if nothing_found {
                <p class="nothing-found">{ format!("No node is called “{}”.", search.query.trim()) }</p>
            }
        </div>
    }
}
