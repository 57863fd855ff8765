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

/// New layer indices with wide layers split into rows, or `None` when the
/// drawing is better left as it is.
pub(super) fn wrap_wide_layers(layers: &[u32], order: &[Vec<u32>]) -> Option<Vec<u32>> {
    let widest = order.iter().map(Vec::len).max()?;
    let fitted_zoom = |row: usize| {
        let rows: usize = order.iter().map(|layer| layer.len().div_ceil(row).max(1)).sum();
        let width = row as f64 * (NODE_WIDTH + NODE_GAP);
        let height = rows as f64 * (NODE_HEIGHT + LAYER_GAP);
        (TARGET_ASPECT / width).min(1.0 / height)
    };
    let unwrapped = fitted_zoom(widest);
    let (best_row, best_zoom) = (MIN_ROW.min(widest)..=widest)
        .map(|row| (row, fitted_zoom(row)))
        .fold((widest, unwrapped), |best, candidate| if candidate.1 > best.1 { candidate } else { best });
    if best_zoom < unwrapped * MIN_GAIN {
        return None;
    }
    let mut wrapped = layers.to_vec();
    let mut next_layer = 0u32;
    for layer in order {
        let rows = layer.len().div_ceil(best_row).max(1);
        for (i, &node) in layer.iter().enumerate() {
            wrapped[node as usize] = next_layer + (i % rows) as u32;
        }
        next_layer += rows as u32;
    }
    Some(wrapped)
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

    #[test]
    fn a_long_strip_is_wrapped_into_staggered_rows() {
        // 20 nodes on one layer above 2 nodes: far too wide for a screen.
        let order = vec![(0..20).collect::<Vec<u32>>(), vec![20, 21]];
        let wrapped = wrap_wide_layers(&layers_of(&order), &order).expect("wraps");
        let rows = wrapped[..20].iter().copied().max().unwrap() + 1;
        assert!(rows >= 2);
        // Neighbours alternate rows; the layer below stays below every row.
        assert_ne!(wrapped[0], wrapped[1]);
        assert!(wrapped[20] >= rows && wrapped[21] >= rows);
    }

    #[test]
    fn balanced_drawings_are_left_alone() {
        let order: Vec<Vec<u32>> = (0..4).map(|l| (l * 4..l * 4 + 4).collect()).collect();
        assert_eq!(wrap_wide_layers(&layers_of(&order), &order), None);
        assert_eq!(wrap_wide_layers(&[], &[]), None);
    }
}
