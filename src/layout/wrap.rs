//! Wrapping wide layers into staggered rows, so the drawing keeps a shape
//! that fits a screen instead of one long strip (13 features side by side are
//! unreadable once fitted to a laptop).
//!
//! A layer wider than `R` nodes becomes ceil(c / R) rows; the i-th node of the
//! layer's order goes to row i mod rows, so neighbours stay near each other
//! and edges from above pass between the boxes of the lower rows. `R` is
//! chosen to maximise the zoom at which the whole drawing fits a viewport of
//! [`TARGET_ASPECT`], and wrapping happens only when that zoom improves by
//! at least [`MIN_GAIN`]. O(n + layers · widest layer).

use super::{LAYER_GAP, NODE_GAP, NODE_HEIGHT, NODE_WIDTH};

/// Width / height of the viewport the drawing should fit (a laptop's map area).
pub(super) const TARGET_ASPECT: f64 = 1.5;
/// Wrap only when it makes the fitted drawing this much larger.
const MIN_GAIN: f64 = 1.15;
/// Never make rows narrower than this many nodes.
const MIN_ROW: usize = 8;

/// The row length wide layers should be wrapped to, from the number of
/// nodes in each layer, or `None` when the drawing is better left as it is.
/// Only the sizes matter, so this is known before the layers are ordered.
pub(super) fn row_length(layer_sizes: &[usize]) -> Option<usize> {
    let widest = layer_sizes.iter().copied().max()?;
    let fitted_zoom = |row: usize| {
        let rows: usize = layer_sizes.iter().map(|&size| size.div_ceil(row).max(1)).sum();
        let width = row as f64 * (NODE_WIDTH + NODE_GAP);
        let height = rows as f64 * (NODE_HEIGHT + LAYER_GAP);
        (TARGET_ASPECT / width).min(1.0 / height)
    };
    let unwrapped = fitted_zoom(widest);
    let (best_row, best_zoom) = (MIN_ROW.min(widest)..=widest)
        .map(|row| (row, fitted_zoom(row)))
        .fold((widest, unwrapped), |best, candidate| if candidate.1 > best.1 { candidate } else { best });
    (best_zoom >= unwrapped * MIN_GAIN).then_some(best_row)
}

/// New layer indices with every layer of `order` dealt into rows of at most
/// `row` nodes, and the order of each new row (the layer's order restricted
/// to the row), so ordering can go on from where it was.
pub(super) fn into_rows(layers: &[u32], order: &[Vec<u32>], row: usize) -> (Vec<u32>, Vec<Vec<u32>>) {
    let mut wrapped = layers.to_vec();
    let mut rows_order = Vec::new();
    for layer in order {
        let rows = layer.len().div_ceil(row).max(1);
        let first = rows_order.len();
        rows_order.resize_with(first + rows, Vec::new);
        for (i, &node) in layer.iter().enumerate() {
            let r = first + i % rows;
            wrapped[node as usize] = r as u32;
            rows_order[r].push(node);
        }
    }
    (wrapped, rows_order)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layers_of(order: &[Vec<u32>]) -> Vec<u32> {
        let n = order.iter().map(Vec::len).sum();
        let mut layers = vec![0; n];
        for (l, layer) in order.iter().enumerate() {
            for &v in layer {
                layers[v as usize] = l as u32;
            }
        }
        layers
    }

    fn sizes(order: &[Vec<u32>]) -> Vec<usize> {
        order.iter().map(Vec::len).collect()
    }

    #[test]
    fn a_long_strip_is_wrapped_into_staggered_rows() {
        // 20 nodes on one layer above 2 nodes: far too wide for a screen.
        let order = vec![(0..20).collect::<Vec<u32>>(), vec![20, 21]];
        let row = row_length(&sizes(&order)).expect("wraps");
        let (wrapped, rows_order) = into_rows(&layers_of(&order), &order, row);
        let rows = wrapped[..20].iter().copied().max().unwrap() + 1;
        assert!(rows >= 2);
        // Neighbours alternate rows; the layer below stays below every row.
        assert_ne!(wrapped[0], wrapped[1]);
        assert!(wrapped[20] >= rows && wrapped[21] >= rows);
        // Each row keeps the layer's order, and says which row each node is in.
        assert_eq!(rows_order.len(), rows as usize + 1);
        for (r, nodes) in rows_order.iter().enumerate() {
            assert!(nodes.windows(2).all(|w| w[0] < w[1]));
            assert!(nodes.iter().all(|&v| wrapped[v as usize] == r as u32));
        }
    }

    #[test]
    fn balanced_drawings_are_left_alone() {
        let order: Vec<Vec<u32>> = (0..4).map(|l| (l * 4..l * 4 + 4).collect()).collect();
        assert_eq!(row_length(&sizes(&order)), None);
        assert_eq!(row_length(&[]), None);
    }
}
