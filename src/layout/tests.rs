//! Tests of the layered layout as a whole (the phases have their own).

use super::test_graphs::*;
use super::*;

#[test]
fn empty_input_gives_empty_layout() {
    let layout = run(&[], &[]);
    assert!(layout.positions.is_empty() && layout.layers.is_empty());
    assert_eq!((layout.width, layout.height), (2.0 * MARGIN, 2.0 * MARGIN));
    let placed = place_missing(
        &LayoutInput {
            tiers: &[],
            edges: &[],
        },
        &[],
    );
    assert_eq!(placed, layout);
    assert_eq!(bounds(&[]), (Point::default(), Point::default()));
}

#[test]
fn single_node_sits_in_the_margin_corner() {
    let layout = run(&[3], &[]);
    assert_eq!(
        layout.positions,
        vec![Point {
            x: MARGIN + NODE_WIDTH / 2.0,
            y: MARGIN + NODE_HEIGHT / 2.0
        }]
    );
    assert_eq!(layout.width, NODE_WIDTH + 2.0 * MARGIN);
    assert_eq!(layout.height, NODE_HEIGHT + 2.0 * MARGIN);
}

#[test]
fn no_overlap_and_well_formed_on_various_graphs() {
    let mut graphs = vec![
        tree15(),
        (vec![0, 0, 1, 1, 2, 2], vec![(0, 3), (1, 2), (3, 4), (2, 5)]),
        (vec![1; 40], vec![]),
        (vec![0, 4, 4, 4], vec![(0, 1), (0, 2), (0, 3)]),
        chaotic_graph(300, 900, 1),
        chaotic_graph(50, 400, 2),
        realistic_graph(300, 1500, 3),
    ];
    graphs.push(realistic_graph(2000, 10_000, 4));
    for (tiers, edges) in &graphs {
        let layout = run(tiers, edges);
        assert_well_formed(&layout, tiers.len());
        assert_no_overlap(&layout.positions);
    }
}

#[test]
fn tiers_are_in_order_and_empty_tiers_take_no_space() {
    for (tiers, edges) in [chaotic_graph(300, 900, 5), realistic_graph(300, 1500, 6)] {
        assert_tiers_in_order(&run(&tiers, &edges), &tiers);
    }
    // Tiers 0 and 4 only, no same-tier edges: two adjacent layers.
    let layout = run(&[4, 0, 4], &[(1, 0), (1, 2)]);
    assert_eq!(layout.layers, vec![1, 0, 1]);
    // Upward edges do not change the tier order.
    let layout = run(&[2, 0, 1], &[(0, 1), (0, 2), (2, 1)]);
    assert_eq!(layout.layers, vec![2, 0, 1]);
}

#[test]
fn dependent_sits_above_same_tier_dependency() {
    // A chain plus a shortcut inside tier 1: 1 -> 2 -> 3 and 1 -> 3.
    let layout = run(&[0, 1, 1, 1, 2], &[(0, 1), (1, 2), (2, 3), (1, 3), (3, 4)]);
    assert_eq!(layout.layers, vec![0, 1, 2, 3, 4]);
    // Random acyclic same-tier edges (realistic_graph keeps them acyclic).
    let (tiers, edges) = realistic_graph(300, 1500, 7);
    let layout = run(&tiers, &edges);
    let mut same_tier = 0;
    for &(a, b) in &edges {
        if tiers[a as usize] == tiers[b as usize] {
            same_tier += 1;
            assert!(layout.positions[a as usize].y < layout.positions[b as usize].y);
        }
    }
    assert!(same_tier > 0);
}

#[test]
fn cycles_and_self_loops_terminate() {
    // Same-tier cycle, self-loops, duplicate and out-of-range edges, and a
    // cycle through two tiers.
    let tiers = [1, 1, 1, 0, 2];
    let edges = [
        (0, 1),
        (1, 2),
        (2, 0),
        (0, 0),
        (3, 3),
        (0, 1),
        (3, 0),
        (4, 3),
        (0, 9),
        (9, 9),
    ];
    let layout = run(&tiers, &edges);
    assert_well_formed(&layout, tiers.len());
    assert_no_overlap(&layout.positions);
    assert_tiers_in_order(&layout, &tiers);
    // The cycle 0 -> 1 -> 2 -> 0 is cut at its back edge: a chain.
    assert_eq!(&layout.layers[..3], &[1, 2, 3]);
    // Only self-loops.
    let layout = run(&[0, 0], &[(0, 0), (1, 1)]);
    assert_eq!(layout.layers, vec![0, 0]);
    assert_no_overlap(&layout.positions);
}

#[test]
fn planar_graph_in_crossed_input_order_gets_no_crossings() {
    // Features 0, 1; services 2, 3; stores 4, 5. Feature 0 uses service
    // 3, feature 1 service 2, service 3 store 4, service 2 store 5.
    let tiers = [0, 0, 1, 1, 2, 2];
    let edges = [(0, 3), (1, 2), (3, 4), (2, 5)];
    assert_eq!(crossings(&run(&tiers, &edges), &edges), 0);
}

#[test]
fn sweeps_fix_a_bad_initial_order() {
    // Depth-first order puts services as 3, 5, 4 (two crossings); the
    // drawing is two paths, so zero is possible.
    let tiers = [0, 0, 0, 1, 1, 1];
    let edges = [(0, 3), (0, 5), (1, 4), (2, 3)];
    assert_eq!(crossings(&run(&tiers, &edges), &edges), 0);
}

#[test]
fn complete_bipartite_layers_get_the_minimum() {
    // Two layers of K(a, b) always cross C(a, 2) * C(b, 2) times.
    for (a, b, min) in [(2u32, 2u32, 1usize), (2, 3, 3), (3, 3, 9)] {
        let tiers: Vec<u8> = (0..a + b).map(|v| u8::from(v >= a)).collect();
        let edges: Vec<(u32, u32)> = (0..a)
            .flat_map(|f| (a..a + b).map(move |s| (f, s)))
            .collect();
        assert_eq!(crossings(&run(&tiers, &edges), &edges), min, "K({a},{b})");
    }
}

#[test]
fn tree_gets_no_crossings() {
    let (tiers, edges) = tree15();
    let layout = run(&tiers, &edges);
    assert_eq!(crossings(&layout, &edges), 0);
    assert_no_overlap(&layout.positions);
    // The same tree inside one tier: sub-layers come from the edges.
    let layout = run(&[1; 15], &edges);
    assert_eq!(
        layout.layers,
        tree15().0.iter().map(|&t| u32::from(t)).collect::<Vec<_>>()
    );
    assert_eq!(crossings(&layout, &edges), 0);
}

#[test]
fn parent_is_centred_over_its_children() {
    let layout = run(&[0, 1, 1, 1], &[(0, 1), (0, 2), (0, 3)]);
    let p = &layout.positions;
    assert!((p[0].x - (p[1].x + p[2].x + p[3].x) / 3.0).abs() < 1e-6);
    // Children packed at minimum spacing.
    let mut xs = [p[1].x, p[2].x, p[3].x];
    xs.sort_by(f64::total_cmp);
    assert!((xs[1] - xs[0] - NODE_WIDTH - NODE_GAP).abs() < 1e-6);
}

#[test]
fn layout_is_deterministic() {
    let (tiers, edges) = chaotic_graph(300, 900, 8);
    assert_eq!(run(&tiers, &edges), run(&tiers, &edges));
}

#[test]
fn sweeps_reduce_crossings_on_realistic_graph() {
    // Not a bound on quality, just that ordering does its job against a
    // naive left-to-right placement in node order, with full effort and on
    // the path big graphs take (no work budget: one round).
    let (tiers, edges) = realistic_graph(150, 400, 9);
    let input = LayoutInput { tiers: &tiers, edges: &edges };
    for layout in [run(&tiers, &edges), layered_within(&input, 0)] {
        let mut naive = layout.clone();
        let num_layers = layout.layers.iter().max().map_or(0, |&l| l as usize + 1);
        let mut next_x = vec![0.0; num_layers];
        for (v, &l) in layout.layers.iter().enumerate() {
            naive.positions[v].x = next_x[l as usize];
            next_x[l as usize] += NODE_WIDTH + NODE_GAP;
        }
        assert!(crossings(&layout, &edges) < crossings(&naive, &edges));
    }
}

#[test]
fn small_maps_keep_their_crossing_counts() {
    // Measured on the layout before it got a work budget (issue 14): a
    // faster layout for big maps must not draw small ones worse.
    let kakao = crate::format::parse(include_str!("../../assets/examples/kakao-2022.json")).expect("valid example");
    let graph = kakao.graph();
    let tiers: Vec<u8> = graph.nodes().map(|v| graph.kind(v).tier()).collect();
    let edges: Vec<(u32, u32)> = graph.edges().collect();
    let kakao_crossings = crossings(&run(&tiers, &edges), &edges);
    assert!(kakao_crossings <= 208, "Kakao example: {kakao_crossings}");
    let (tiers, edges) = realistic_graph(300, 1500, 3);
    let realistic_crossings = crossings(&run(&tiers, &edges), &edges);
    assert!(realistic_crossings <= 121_346, "realistic_graph(300, 1500, 3): {realistic_crossings}");
}

#[test]
fn estimate_is_exact_for_straight_edges_on_small_graphs() {
    // The estimate samples every gap of every edge when the graph is
    // small, so on generic coordinates (jittered: the layout's own grid
    // makes edges meet exactly on layer lines, which the estimate does
    // not count) it must agree with the geometric count.
    let mut rng = Lcg(99);
    for seed in 0..6 {
        let (tiers, edges) = realistic_graph(80, 200, seed);
        let mut layout = run(&tiers, &edges);
        for p in &mut layout.positions {
            p.x += f64::from(rng.below(10_000)) / 97.0;
        }
        let clean = valid_edges(tiers.len(), &edges);
        let num_layers = layout.layers.iter().max().map_or(0, |&l| l as usize + 1);
        let graph = LayerGraph::new(tiers.len(), &layout.layers, &clean);
        let x: Vec<f64> = layout.positions.iter().map(|p| p.x).collect();
        let mut estimator = estimate::Estimator::new(&graph, &layout.layers, num_layers);
        let expected = crossings(&layout, &clean);
        assert!(expected > 0);
        assert_eq!(estimator.count(&x), expected as u64, "seed {seed}");
    }
}
