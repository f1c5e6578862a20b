//! What the audience sees, as one value: the slide (with a gallery picture large or not), the
//! overview over it, and a black or white screen over either. Escape takes away the outermost
//! layer, and the compiler checks that every layer is handled wherever the value is matched.
//!
//! The slide's own screen, its open card and its valve are the [`crate::session::Session`]'s,
//! as on the kiosk; a card and a gallery picture never show together.

/// A black or white screen in place of the slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    /// A black screen (B or .).
    Black,
    /// A white screen (W).
    White,
}

/// The audience's view without a black or white screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    /// The slide, with one picture of its gallery large, or none.
    Slide { picture: Option<usize> },
    /// The overview of every slide, its cursor on one, over the slide as it was.
    Overview {
        cursor: usize,
        picture: Option<usize>,
    },
}

/// What the audience sees, outermost layer first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Nothing covers the view.
    Open(Showing),
    /// A black or white screen covers the view, which comes back as it was.
    Covered(Shade, Showing),
}

impl Default for Audience {
    fn default() -> Self {
        Self::Open(Showing::Slide { picture: None })
    }
}

/// What Escape took away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peeled {
    /// A layer of the view: the view is now the one under it.
    Layer,
    /// Nothing was over the slide: the slide's open card is the next thing to close.
    Nothing,
}

impl Audience {
    /// The view under any black or white screen.
    pub fn showing(self) -> Showing {
        match self {
            Self::Open(showing) | Self::Covered(_, showing) => showing,
        }
    }

    /// The black or white screen, if one covers the view.
    pub fn shade(self) -> Option<Shade> {
        match self {
            Self::Open(_) => None,
            Self::Covered(shade, _) => Some(shade),
        }
    }

    /// The overview's cursor, while the overview is open (covered or not).
    pub fn overview(self) -> Option<usize> {
        match self.showing() {
            Showing::Overview { cursor, .. } => Some(cursor),
            Showing::Slide { .. } => None,
        }
    }

    /// The gallery picture shown large on the slide (covered or not), if any.
    pub fn picture(self) -> Option<usize> {
        match self.showing() {
            Showing::Slide { picture } | Showing::Overview { picture, .. } => picture,
        }
    }

    /// The same layers over `showing`.
    fn with(self, showing: Showing) -> Self {
        match self {
            Self::Open(_) => Self::Open(showing),
            Self::Covered(shade, _) => Self::Covered(shade, showing),
        }
    }

    /// A black or white screen; the same one again takes it away, the other one replaces it.
    pub fn toggle_shade(self, shade: Shade) -> Self {
        match self {
            Self::Covered(now, showing) if now == shade => Self::Open(showing),
            Self::Open(showing) | Self::Covered(_, showing) => Self::Covered(shade, showing),
        }
    }

    /// The view with no black or white screen, and whether there was one.
    pub fn uncovered(self) -> (Self, bool) {
        (Self::Open(self.showing()), self.shade().is_some())
    }

    /// Opens the overview with its cursor on `current`, or closes it.
    pub fn toggle_overview(self, current: usize) -> Self {
        self.with(match self.showing() {
            Showing::Slide { picture } => Showing::Overview {
                cursor: current,
                picture,
            },
            Showing::Overview { picture, .. } => Showing::Slide { picture },
        })
    }

    /// The overview's cursor put where `to` says, kept below `len`; nothing when it is closed.
    pub fn move_cursor(self, len: usize, to: impl FnOnce(usize) -> usize) -> Self {
        match self.showing() {
            Showing::Overview { cursor, picture } => self.with(Showing::Overview {
                cursor: to(cursor).min(len.saturating_sub(1)),
                picture,
            }),
            Showing::Slide { .. } => self,
        }
    }

    /// The same layers with `picture` large on the slide (or none).
    pub fn with_picture(self, picture: Option<usize>) -> Self {
        self.with(match self.showing() {
            Showing::Slide { .. } => Showing::Slide { picture },
            Showing::Overview { cursor, .. } => Showing::Overview { cursor, picture },
        })
    }

    /// Escape: the outermost layer taken away, nearest first: a black or white screen, the
    /// overview, a picture. Says whether there was one.
    pub fn peel(self) -> (Self, Peeled) {
        match self {
            Self::Covered(_, showing) => (Self::Open(showing), Peeled::Layer),
            Self::Open(Showing::Overview { picture, .. }) => {
                (Self::Open(Showing::Slide { picture }), Peeled::Layer)
            }
            Self::Open(Showing::Slide { picture: Some(_) }) => {
                (Self::Open(Showing::Slide { picture: None }), Peeled::Layer)
            }
            Self::Open(Showing::Slide { picture: None }) => (self, Peeled::Nothing),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_peels_one_layer_at_a_time_down_to_the_slide() {
        let full = Audience::Covered(
            Shade::White,
            Showing::Overview {
                cursor: 4,
                picture: Some(1),
            },
        );
        let (a, p) = full.peel();
        assert_eq!(
            (a.shade(), a.overview(), a.picture(), p),
            (None, Some(4), Some(1), Peeled::Layer)
        );
        let (a, p) = a.peel();
        assert_eq!(
            (a.overview(), a.picture(), p),
            (None, Some(1), Peeled::Layer)
        );
        let (a, p) = a.peel();
        assert_eq!((a, p), (Audience::default(), Peeled::Layer));
        assert_eq!(a.peel(), (Audience::default(), Peeled::Nothing));
    }

    #[test]
    fn a_shade_toggles_and_the_other_shade_replaces_it_keeping_the_view() {
        let under = Audience::default().toggle_overview(2);
        let black = under.toggle_shade(Shade::Black);
        assert_eq!(
            (black.shade(), black.overview()),
            (Some(Shade::Black), Some(2))
        );
        let white = black.toggle_shade(Shade::White);
        assert_eq!(white.shade(), Some(Shade::White));
        assert_eq!(white.toggle_shade(Shade::White), under);
        assert_eq!(white.uncovered(), (under, true));
        assert_eq!(under.uncovered(), (under, false));
    }

    #[test]
    fn the_cursor_moves_only_in_the_overview_and_stays_on_the_grid() {
        let slide = Audience::default();
        assert_eq!(slide.move_cursor(10, |c| c + 3), slide);
        let open = slide.toggle_overview(8).move_cursor(10, |c| c + 3);
        assert_eq!(open.overview(), Some(9));
        assert_eq!(open.toggle_overview(0), slide);
    }
}
