//! The layered layout at map scale: generated layered graphs of 2,000 to
//! 100,000 nodes (about 5 dependencies each) and adversarial shapes (a
//! 20,000-deep chain, a hub with 20,000 dependents, a star of 50,000
//! features, one tier 50,000 nodes wide), plus what the map does with a
//! layout at 10,000 to 100,000 nodes: building the spatial index, the
//! visible set of one pan step at three zooms and hit-testing (against an
//! R*-tree and a uniform grid over the same boxes), and the overview's
//! cells, bundles and tier bands.
//!
//! The baseline is building the `Graph` of the same document (what opening a
//! file costs before any layout): on a shared, noisy machine the ratio
//! layout ÷ graph build, measured interleaved in one run, means more than
//! either absolute time. The goals (issue 14): layout at most about 1 s at
//! 50,000 nodes and 2.5 s at 100,000 natively.
//!
//! `cargo bench --bench layout` (criterion, then the interleaved summary);
//! `cargo bench --bench layout -- summary` runs the summary alone.

use blackout::generate::layered_graph;
use blackout::layout::{aggregate, edge_box, layout_document, tier_bands, Layout, Point, Rect, SpatialIndex, View};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};
use blackout::model::{Document, Graph, Kind, Node, NodeId};
use criterion::{black_box, Criterion};
use std::time::{Duration, Instant};

const SEED: u64 = 1;
const DEPENDENCIES: usize = 5;
const SIZES: [usize; 4] = [2_000, 10_000, 50_000, 100_000];

/// A named input graph.
struct Shape {
    name: String,
    document: Document,
}

fn node(id: usize, kind: Kind, depends_on: &[usize]) -> Node {
    let mut node = Node::new(format!("n{id}"), kind);
    node.depends_on = depends_on.iter().map(|d| NodeId(format!("n{d}"))).collect();
    node
}

fn document(title: &str, nodes: Vec<Node>) -> Document {
    Document { title: title.to_owned(), nodes, ..Document::default() }
}

/// 20,000 services, each depending on the next: 20,000 layers in one tier.
fn chain(len: usize) -> Document {
    let nodes = (0..len)
        .map(|i| if i + 1 < len { node(i, Kind::Service, &[i + 1]) } else { node(i, Kind::Service, &[]) })
        .collect();
    document("chain", nodes)
}

/// A generated layered graph in which every service also depends on one
/// shared node (think of an identity service): 20,000 dependents on one hub.
fn hub(dependents: usize) -> Document {
    // Four of the generator's ten layers are services.
    let mut doc = layered_graph(dependents * 10 / 4, DEPENDENCIES, SEED);
    let hub = doc.nodes.len();
    for n in doc.nodes.iter_mut().filter(|n| n.kind == Kind::Service).take(dependents) {
        n.depends_on.push(NodeId(format!("n{hub}")));
    }
    doc.nodes.push(node(hub, Kind::Datastore, &[]));
    doc.title = "hub".into();
    doc
}

/// 50,000 features around one service they all depend on.
fn star(features: usize) -> Document {
    let mut nodes: Vec<Node> = (0..features).map(|i| node(i, Kind::Feature, &[features])).collect();
    nodes.push(node(features, Kind::Service, &[]));
    document("star", nodes)
}

/// One tier 50,000 services wide over 500 data stores, each service using
/// two stores chosen near its own position.
fn wide_tier(width: usize) -> Document {
    let stores = width / 100;
    let mut nodes: Vec<Node> = (0..width)
        .map(|i| {
            let near = i * stores / width;
            node(i, Kind::Service, &[width + near, width + (near + 1 + i % 3) % stores])
        })
        .collect();
    nodes.extend((0..stores).map(|j| node(width + j, Kind::Datastore, &[])));
    document("wide tier", nodes)
}

/// Every graph for a real run; only the smallest when `cargo test --benches`
/// runs each benchmark once in a debug build.
fn shapes(full: bool) -> Vec<Shape> {
    let sizes = if full { &SIZES[..] } else { &SIZES[..1] };
    let mut shapes: Vec<Shape> = sizes
        .iter()
        .map(|&n| Shape { name: format!("layered/{}k", n / 1_000), document: layered_graph(n, DEPENDENCIES, SEED) })
        .collect();
    if !full {
        return shapes;
    }
    shapes.push(Shape { name: "chain/20k deep".into(), document: chain(20_000) });
    shapes.push(Shape { name: "hub/20k dependents".into(), document: hub(20_000) });
    shapes.push(Shape { name: "star/50k features".into(), document: star(50_000) });
    shapes.push(Shape { name: "wide tier/50k".into(), document: wide_tier(50_000) });
    shapes
}

fn graph(document: &Document) -> Graph {
    Graph::build(document).expect("bench graphs are valid")
}

fn benches(c: &mut Criterion, shapes: &[Shape]) {
    for shape in shapes {
        let graph = graph(&shape.document);
        let mut group = c.benchmark_group(&shape.name);
        group.bench_function("graph build (baseline)", |b| b.iter(|| Graph::build(black_box(&shape.document))));
        group.bench_function("layout", |b| b.iter(|| layout_document(black_box(&shape.document), &graph)));
        group.finish();
    }
}

/// The screen the map's visible set is computed for.
const SCREEN: (f64, f64) = (1280.0, 800.0);
/// Zooms: labels readable, shapes only, far out.
const ZOOMS: [f64; 3] = [1.0, 0.3, 0.08];
/// Pan steps of (4, 2) screen pixels, as the browser benchmark drags.
const PAN_STEPS: usize = 60;

/// A laid-out map and what the map's queries need.
struct Map {
    name: String,
    layout: Layout,
    edges: Vec<(u32, u32)>,
    tiers: Vec<u8>,
}

fn maps() -> Vec<Map> {
    [10_000, 50_000, 100_000]
        .into_iter()
        .map(|n| {
            let document = layered_graph(n, DEPENDENCIES, SEED);
            let graph = graph(&document);
            Map {
                name: format!("map/{}k", n / 1_000),
                layout: layout_document(&document, &graph),
                edges: graph.edges().collect(),
                tiers: graph.nodes().map(|v| graph.kind(v).tier()).collect(),
            }
        })
        .collect()
}

/// The views of a drag at `scale`, starting centred on the drawing.
fn pan_views(layout: &Layout, scale: f64) -> Vec<View> {
    let start = View {
        x: SCREEN.0 / 2.0 - layout.width / 2.0 * scale,
        y: SCREEN.1 / 2.0 - layout.height / 2.0 * scale,
        scale,
    };
    (0..PAN_STEPS).map(|i| start.panned(4.0 * i as f64, 2.0 * i as f64)).collect()
}

/// Nodes and edges in view, by the spatial index.
fn visible(index: &SpatialIndex, view: View) -> usize {
    let area = view.visible_area(SCREEN.0, SCREEN.1);
    index.nodes_in(area).len() + index.edges_in(area).len()
}

/// An R*-tree (rstar) over the same boxes, for comparison: what the
/// spatial index would be with a tree.
struct Tree {
    nodes: RTree<GeomWithData<Rectangle<[f64; 2]>, u32>>,
    edges: RTree<GeomWithData<Rectangle<[f64; 2]>, u32>>,
}

impl Tree {
    fn new(node_boxes: &[Rect], edge_boxes: &[Rect]) -> Tree {
        let load = |boxes: &[Rect]| {
            RTree::bulk_load(
                boxes
                    .iter()
                    .enumerate()
                    .map(|(i, b)| GeomWithData::new(Rectangle::from_corners([b.min.x, b.min.y], [b.max.x, b.max.y]), i as u32))
                    .collect(),
            )
        };
        Tree { nodes: load(node_boxes), edges: load(edge_boxes) }
    }

    /// The same lists as the spatial index, in the same order.
    fn visible(&self, view: View) -> usize {
        let area = view.visible_area(SCREEN.0, SCREEN.1);
        let envelope = AABB::from_corners([area.min.x, area.min.y], [area.max.x, area.max.y]);
        let hits = |tree: &RTree<GeomWithData<Rectangle<[f64; 2]>, u32>>| {
            let mut found: Vec<u32> = tree.locate_in_envelope_intersecting(envelope).map(|e| e.data).collect();
            found.sort_unstable();
            found
        };
        hits(&self.nodes).len() + hits(&self.edges).len()
    }

    fn node_at(&self, p: Point) -> Option<u32> {
        self.nodes.locate_in_envelope_intersecting(AABB::from_point([p.x, p.y])).map(|e| e.data).max()
    }
}

/// A uniform grid of buckets, for comparison with the R*-tree: a box is
/// listed in every cell it touches, so long edges cost many entries.
struct Grid {
    cell: f64,
    buckets: std::collections::HashMap<(i64, i64), Vec<u32>>,
}

impl Grid {
    fn new(boxes: &[Rect], cell: f64) -> Grid {
        let mut buckets: std::collections::HashMap<(i64, i64), Vec<u32>> = std::collections::HashMap::new();
        for (i, b) in boxes.iter().enumerate() {
            for col in (b.min.x / cell).floor() as i64..=(b.max.x / cell).floor() as i64 {
                for row in (b.min.y / cell).floor() as i64..=(b.max.y / cell).floor() as i64 {
                    buckets.entry((col, row)).or_default().push(i as u32);
                }
            }
        }
        Grid { cell, buckets }
    }

    fn query(&self, boxes: &[Rect], area: Rect) -> Vec<u32> {
        let mut found = Vec::new();
        for col in (area.min.x / self.cell).floor() as i64..=(area.max.x / self.cell).floor() as i64 {
            for row in (area.min.y / self.cell).floor() as i64..=(area.max.y / self.cell).floor() as i64 {
                if let Some(bucket) = self.buckets.get(&(col, row)) {
                    found.extend(bucket.iter().copied().filter(|&i| boxes[i as usize].intersects(&area)));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

fn boxes(map: &Map) -> (Vec<Rect>, Vec<Rect>) {
    let p = &map.layout.positions;
    let nodes = p.iter().map(|&c| Rect::node_box(c)).collect();
    let edges = map.edges.iter().map(|&(a, b)| edge_box(p[a as usize], p[b as usize])).collect();
    (nodes, edges)
}

/// Cell size of the overview at `scale`: 64 screen pixels.
fn overview_cell(scale: f64) -> f64 {
    64.0 / scale
}

fn map_benches(c: &mut Criterion, maps: &[Map]) {
    for map in maps {
        let mut group = c.benchmark_group(&map.name);
        let index = SpatialIndex::of_layout(&map.layout.positions, &map.edges);
        group.bench_function("spatial index build", |b| {
            b.iter(|| SpatialIndex::of_layout(black_box(&map.layout.positions), &map.edges))
        });
        for scale in ZOOMS {
            let views = pan_views(&map.layout, scale);
            group.bench_function(format!("visible set, {PAN_STEPS} pan steps at zoom {scale}"), |b| {
                b.iter(|| views.iter().map(|&v| visible(&index, v)).sum::<usize>())
            });
        }
        let probe = map.layout.positions[map.layout.positions.len() / 2];
        group.bench_function("hit test", |b| b.iter(|| index.node_at(black_box(probe))));
        let marked = vec![false; map.layout.positions.len()];
        group.bench_function("overview cells and bundles at zoom 0.05", |b| {
            b.iter(|| aggregate(&map.layout.positions, &map.edges, &marked, overview_cell(0.05)))
        });
        group.bench_function("tier bands", |b| b.iter(|| tier_bands(&map.tiers, &map.layout.positions, &marked)));
        group.finish();
    }
}

/// The map's queries against an R*-tree and a uniform grid over the same boxes.
fn map_summary(maps: &[Map]) {
    println!("\nmap queries: per pan step, {}×{} screen, median of {PAN_STEPS} steps (native)", SCREEN.0, SCREEN.1);
    println!(
        "{:<10} {:>6} {:>9} {:>10} {:>10} {:>10} {:>11} {:>11} {:>10} {:>10}",
        "map", "zoom", "in view", "index", "R*-tree", "grid", "hit: index", "hit: tree", "build", "tree build"
    );
    for map in maps {
        let (node_boxes, edge_boxes) = boxes(map);
        let (build, index) = time(|| SpatialIndex::of_layout(&map.layout.positions, &map.edges));
        let (tree_build, tree) = time(|| Tree::new(&node_boxes, &edge_boxes));
        let all: Vec<Rect> = node_boxes.iter().chain(&edge_boxes).copied().collect();
        let grid = Grid::new(&all, 1024.0);
        let probe = map.layout.positions[map.layout.positions.len() / 2];
        let hit = median((0..PAN_STEPS).map(|_| time(|| index.node_at(probe)).0).collect());
        let tree_hit = median((0..PAN_STEPS).map(|_| time(|| tree.node_at(probe)).0).collect());
        assert_eq!(index.node_at(probe), tree.node_at(probe));
        for scale in ZOOMS {
            let views = pan_views(&map.layout, scale);
            let (mut ours, mut theirs, mut grided, mut found) = (Vec::new(), Vec::new(), Vec::new(), 0);
            for &view in &views {
                let (t, k) = time(|| visible(&index, view));
                ours.push(t);
                found = k;
                let (t, k_tree) = time(|| tree.visible(view));
                assert_eq!(k, k_tree);
                theirs.push(t);
                grided.push(time(|| grid.query(&all, view.visible_area(SCREEN.0, SCREEN.1)).len()).0);
            }
            println!(
                "{:<10} {:>6} {:>9} {:>7.3} ms {:>7.3} ms {:>7.3} ms {:>8.2} µs {:>8.2} µs {:>7.1} ms {:>7.1} ms",
                map.name,
                scale,
                found,
                ms(median(ours)),
                ms(median(theirs)),
                ms(median(grided)),
                hit.as_secs_f64() * 1e6,
                tree_hit.as_secs_f64() * 1e6,
                ms(build),
                ms(tree_build)
            );
        }
        let marked = vec![false; map.layout.positions.len()];
        let (t, agg) = time(|| aggregate(&map.layout.positions, &map.edges, &marked, overview_cell(0.05)));
        let (tb, _) = time(|| tier_bands(&map.tiers, &map.layout.positions, &marked));
        println!(
            "{:<10} overview at zoom 0.05: {} cells, {} bundles for {} edges in {:.1} ms; tier bands {:.2} ms",
            map.name,
            agg.cells.len(),
            agg.bundles.len(),
            map.edges.len(),
            ms(t),
            ms(tb)
        );
    }
}

/// How long `f` takes once, and its result.
fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let out = black_box(f());
    (start.elapsed(), out)
}

/// The CPU time this thread has used so far: on a shared machine it grows
/// only while the thread runs, unlike wall time.
fn thread_cpu() -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a constant.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// Layout against graph build, interleaved round by round. The build is
/// short and allocates a lot, so each round keeps the fastest of a few builds.
fn summary(shapes: &[Shape]) {
    const ROUNDS: usize = 5;
    const BUILDS: usize = 3;
    println!("\nsummary: medians of {ROUNDS} interleaved rounds, the build the fastest of {BUILDS} per round (native, bench profile)");
    println!(
        "{:<22} {:>8} {:>9} {:>7} {:>12} {:>11} {:>8} {:>12}",
        "graph", "nodes", "edges", "layers", "graph build", "layout", "ratio", "layout CPU"
    );
    for shape in shapes {
        let graph = graph(&shape.document);
        let (mut build, mut lay, mut cpu) = (Vec::new(), Vec::new(), Vec::new());
        let mut last: Option<Layout> = None;
        for _ in 0..ROUNDS {
            build.push((0..BUILDS).map(|_| time(|| Graph::build(&shape.document)).0).min().expect("BUILDS > 0"));
            let cpu_start = thread_cpu();
            let (t, layout) = time(|| layout_document(&shape.document, &graph));
            cpu.push(thread_cpu() - cpu_start);
            lay.push(t);
            last = Some(layout);
        }
        let layers = last.map_or(0, |l| l.layers.iter().max().map_or(0, |&m| m + 1));
        let (build, lay, cpu) = (median(build), median(lay), median(cpu));
        println!(
            "{:<22} {:>8} {:>9} {:>7} {:>9.1} ms {:>8.1} ms {:>7.1}× {:>9.1} ms",
            shape.name,
            graph.len(),
            graph.edges().count(),
            layers,
            ms(build),
            ms(lay),
            lay.as_secs_f64() / build.as_secs_f64(),
            ms(cpu)
        );
    }
}

fn main() {
    let summary_only = std::env::args().any(|arg| arg == "summary");
    // `cargo test --benches` runs each benchmark once, without `--bench`.
    let benching = std::env::args().any(|arg| arg == "--bench");
    let shapes = shapes(summary_only || benching);
    if !summary_only {
        let mut criterion = Criterion::default()
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3))
            .configure_from_args();
        benches(&mut criterion, &shapes);
        if benching {
            map_benches(&mut criterion, &maps());
        }
        criterion.final_summary();
    }
    if summary_only || benching {
        summary(&shapes);
        map_summary(&maps());
    }
}
