//! Where the patient is: routes and moving between them. Pure: no egui.

/// A place in the app. Later issues add the self-check's questions, its summary and the attract
/// screen as variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The education screen at this index of the flow.
    Screen(usize),
}

/// The current route within a flow of `len` screens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Navigation {
    current: usize,
    len: usize,
}

impl Navigation {
    /// Starts on the first screen of a flow of `len` screens.
    pub fn new(len: usize) -> Self {
        Self {
            current: 0,
            len: len.max(1),
        }
    }

    /// Where the patient is.
    pub fn route(&self) -> Route {
        Route::Screen(self.current)
    }

    /// Index of the current screen.
    pub fn index(&self) -> usize {
        self.current
    }

    /// Whether there is a screen after this one.
    pub fn has_next(&self) -> bool {
        self.current + 1 < self.len
    }

    /// Whether there is a screen before this one.
    pub fn has_back(&self) -> bool {
        self.current > 0
    }

    /// To the next screen; stays on the last.
    pub fn next(&mut self) {
        if self.has_next() {
            self.current += 1;
        }
    }

    /// To the screen before; stays on the first.
    pub fn back(&mut self) {
        self.current = self.current.saturating_sub(1);
    }

    /// To any screen; an index past the end goes to the last.
    pub fn go(&mut self, index: usize) {
        self.current = index.min(self.len - 1);
    }

    /// Back to the first screen.
    pub fn reset(&mut self) {
        self.current = 0;
    }
}

/// Which way a swipe went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swipe {
    /// Finger moved right to left: go to the next screen.
    Next,
    /// Finger moved left to right: go back.
    Back,
}

/// The shortest horizontal travel, in points, that counts as a swipe.
pub const SWIPE_MIN_DISTANCE: f32 = 120.0;
/// The longest a swipe may take; slower moves are drags (reading, scrolling).
pub const SWIPE_MAX_SECONDS: f64 = 1.0;

/// Classifies a finger's travel `(dx, dy)` over `seconds`: a swipe is fast, long and mostly
/// sideways, so vertical scrolling never turns the page.
pub fn classify_swipe(dx: f32, dy: f32, seconds: f64) -> Option<Swipe> {
    if seconds > SWIPE_MAX_SECONDS || dx.abs() < SWIPE_MIN_DISTANCE || dx.abs() < 2.0 * dy.abs() {
        return None;
    }
    Some(if dx < 0.0 { Swipe::Next } else { Swipe::Back })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_back_stop_at_the_ends() {
        let mut nav = Navigation::new(3);
        nav.back();
        assert_eq!(nav.index(), 0);
        nav.next();
        nav.next();
        nav.next();
        assert_eq!(nav.index(), 2);
        assert!(!nav.has_next());
        nav.go(10);
        assert_eq!(nav.route(), Route::Screen(2));
        nav.reset();
        assert_eq!(nav.index(), 0);
        assert!(!nav.has_back());
    }

    #[test]
    fn swipes_must_be_long_fast_and_sideways() {
        assert_eq!(classify_swipe(-200.0, 10.0, 0.3), Some(Swipe::Next));
        assert_eq!(classify_swipe(200.0, -30.0, 0.3), Some(Swipe::Back));
        assert_eq!(classify_swipe(-60.0, 0.0, 0.2), None, "too short");
        assert_eq!(classify_swipe(-200.0, 150.0, 0.2), None, "mostly vertical");
        assert_eq!(classify_swipe(-300.0, 0.0, 2.0), None, "too slow");
    }
}
