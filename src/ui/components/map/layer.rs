//! Edges and nodes: re-rendered only when the scene, the selection, the
//! highlight or the level of detail changes, never on a pan. On a big map
//! (see `atlas.rs`) only the nodes in view, and no edges: the canvas under
//! the SVG draws those.

use super::node::MapNode;
use crate::editor::DiffMark;
use crate::model::{NodeId, NodeIndex};
use crate::render::{Scene, SceneNode};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MapLayerProps {
    pub scene: Rc<Scene>,
    /// Label magnification in fifths (see `render::FULL_DETAIL`).
    pub label_zoom: u8,
    pub highlighted: Rc<HashSet<NodeIndex>>,
    pub marks: Rc<HashMap<NodeIndex, &'static str>>,
    /// The focus: which nodes are shown (by index); the rest are dimmed.
    pub shown: Option<Rc<Vec<bool>>>,
    pub selection: Rc<Vec<NodeId>>,
    pub editing: bool,
    pub diff_marks: Option<Rc<HashMap<NodeId, DiffMark>>>,
    pub on_activate: Callback<(NodeId, bool)>,
    /// A big map: only these nodes (indices into the scene), no SVG edges.
    pub only: Option<Rc<Vec<u32>>>,
}

#[function_component(MapLayer)]
pub fn map_layer(props: &MapLayerProps) -> Html {
    let highlighted = &props.highlighted;
    // Outside the focus everything is dimmed; without one, what the highlight leaves out.
    let dimmed = |index: NodeIndex| match &props.shown {
        Some(shown) => !shown.get(index as usize).copied().unwrap_or(false),
        None => !highlighted.is_empty() && !highlighted.contains(&index),
    };
    let all_edges = if props.only.is_some() { &[][..] } else { &props.scene.edges[..] };
    let edges = all_edges.iter().map(|edge| {
        let lit = highlighted.contains(&edge.from) && highlighted.contains(&edge.to);
        let faded = props.shown.is_some() && (dimmed(edge.from) || dimmed(edge.to));
        html! {
            <path d={props.scene.path_of(edge)} marker-end="url(#arrow)"
                class={classes!("edge", edge.broken.then_some("broken"), lit.then_some("lit"), faded.then_some("dimmed"))} />
        }
    });
    let drawn: Box<dyn Iterator<Item = &SceneNode>> = match &props.only {
        Some(only) => Box::new(only.iter().filter_map(|&v| props.scene.nodes.get(v as usize))),
        None => Box::new(props.scene.nodes.iter()),
    };
    let nodes = drawn.map(|node| {
        let selected = props.selection.contains(&node.id);
        html! {
            <MapNode key={node.id.as_str()}
                node={node.clone()}
                label_zoom={props.label_zoom}
                lit={highlighted.contains(&node.index)}
                dimmed={dimmed(node.index)}
                {selected}
                mark={props.marks.get(&node.index).copied()}
                handle={props.editing && selected}
                diff={props.diff_marks.as_ref().and_then(|marks| marks.get(&node.id).copied())}
                on_activate={props.on_activate.clone()} />
        }
    });
    html! {
        <>
            <g class="edges">{ for edges }</g>
            <g class="nodes">{ for nodes }</g>
        </>
    }
}
