//! The viewport: how the map is panned and zoomed on screen. A plain value,
//! shared by the editor (which changes it), the share-link codec (which
//! carries it) and the autosave (which keeps it), none of which need to know
//! about each other.

use super::{Point, Rect};

/// A point on the screen, in CSS pixels from the map's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct ScreenPoint {
    pub x: f64,
    pub y: f64,
}

/// Pan and zoom of the map: screen = map · scale + (x, y).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub x: f64,
    pub y: f64,
    pub scale: f64,
}

impl Default for View {
    fn default() -> Self {
        View { x: 0.0, y: 0.0, scale: 1.0 }
    }
}

impl View {
    pub const MIN_SCALE: f64 = 0.05;
    pub const MAX_SCALE: f64 = 4.0;

    /// A usable view from untrusted numbers (a link, storage): every number
    /// finite, the scale clamped to the zoom range; else none.
    pub fn checked(x: f64, y: f64, scale: f64) -> Option<View> {
        if !(x.is_finite() && y.is_finite() && scale.is_finite()) {
            return None;
        }
        Some(View { x, y, scale: scale.clamp(Self::MIN_SCALE, Self::MAX_SCALE) })
    }

    /// Zooms by `factor` keeping the screen point `at` still.
    pub fn zoomed(self, factor: f64, at: ScreenPoint) -> View {
        let scale = (self.scale * factor).clamp(Self::MIN_SCALE, Self::MAX_SCALE);
        let applied = scale / self.scale;
        View {
            x: at.x - (at.x - self.x) * applied,
            y: at.y - (at.y - self.y) * applied,
            scale,
        }
    }

    /// The same zoom, moved by (dx, dy) screen pixels.
    pub fn panned(self, dx: f64, dy: f64) -> View {
        View { x: self.x + dx, y: self.y + dy, ..self }
    }

    /// The map point under a screen point.
    pub fn to_map(self, at: ScreenPoint) -> Point {
        Point { x: (at.x - self.x) / self.scale, y: (at.y - self.y) / self.scale }
    }

    /// The screen point over a map point.
    pub fn to_screen(self, at: Point) -> ScreenPoint {
        ScreenPoint { x: at.x * self.scale + self.x, y: at.y * self.scale + self.y }
    }

    /// The part of the map a `width` × `height` screen shows in this view.
    pub fn visible_area(self, width: f64, height: f64) -> Rect {
        Rect::new(self.to_map(ScreenPoint { x: 0.0, y: 0.0 }), self.to_map(ScreenPoint { x: width, y: height }))
    }

    /// The view that shows a `width` × `height` map whole, centred in a
    /// `screen_width` × `screen_height` viewport, never magnified past 1.
    pub fn fit(width: f64, height: f64, screen_width: f64, screen_height: f64) -> View {
        if width <= 0.0 || height <= 0.0 || screen_width <= 0.0 || screen_height <= 0.0 {
            return View::default();
        }
        let scale = (screen_width / width).min(screen_height / height).clamp(Self::MIN_SCALE, 1.0);
        View {
            x: (screen_width - width * scale) / 2.0,
            y: (screen_height - height * scale) / 2.0,
            scale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let at = ScreenPoint { x: 100.0, y: 50.0 };
        let view = View::default().zoomed(2.0, at);
        assert_eq!(view.scale, 2.0);
        assert_eq!(view.to_map(at), Point { x: 100.0, y: 50.0 });
        assert_eq!(View::default().zoomed(1000.0, ScreenPoint::default()).scale, View::MAX_SCALE);
    }

    #[test]
    fn map_and_screen_points_round_trip() {
        let view = View { x: 30.0, y: -12.0, scale: 0.5 };
        let p = Point { x: 7.0, y: 9.0 };
        assert_eq!(view.to_map(view.to_screen(p)), p);
        assert_eq!(view.panned(5.0, 6.0).to_screen(p), ScreenPoint { x: 38.5, y: -1.5 });
    }

    #[test]
    fn the_visible_area_is_the_screen_in_map_units() {
        let view = View { x: -100.0, y: 50.0, scale: 0.5 };
        let area = view.visible_area(1000.0, 800.0);
        assert_eq!(area.min, Point { x: 200.0, y: -100.0 });
        assert_eq!(area.max, Point { x: 2200.0, y: 1500.0 });
    }

    #[test]
    fn fit_shows_everything_centred() {
        let view = View::fit(2000.0, 500.0, 1000.0, 800.0);
        assert_eq!(view.scale, 0.5);
        assert_eq!(view.x, 0.0);
        assert_eq!(view.y, (800.0 - 250.0) / 2.0);
        assert_eq!(View::fit(100.0, 100.0, 1000.0, 800.0).scale, 1.0, "never magnified");
    }

    #[test]
    fn untrusted_views_are_checked_and_clamped() {
        assert_eq!(View::checked(1.0, 2.0, 100.0).unwrap().scale, View::MAX_SCALE);
        assert_eq!(View::checked(0.0, 0.0, 0.0).unwrap().scale, View::MIN_SCALE);
        assert_eq!(View::checked(f64::NAN, 0.0, 1.0), None);
    }
}
