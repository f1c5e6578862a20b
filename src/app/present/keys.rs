//! Presenter mode's keys: which egui key (with its modifiers) is which presentation key, and
//! this frame's keys taken out of egui's input.

use crate::present::Key;

/// This frame's presentation keys, taken out of egui's input so no widget acts on them too.
/// Held keys repeat only for moving between slides.
pub(super) fn read_keys(ctx: &egui::Context) -> Vec<Key> {
    ctx.input_mut(|i| {
        let mut keys = Vec::new();
        i.events.retain(|event| {
            let egui::Event::Key {
                key,
                pressed: true,
                repeat,
                modifiers,
                ..
            } = event
            else {
                return true;
            };
            match key_for(*key, *modifiers) {
                Some(k) if !*repeat || moves(k) => {
                    keys.push(k);
                    false
                }
                Some(_) => false,
                None => true,
            }
        });
        keys
    })
}

fn moves(key: Key) -> bool {
    matches!(
        key,
        Key::Right | Key::Left | Key::Up | Key::Down | Key::PageDown | Key::PageUp
    )
}

/// The presentation key for an egui key with its modifiers, if it is one.
pub fn key_for(key: egui::Key, modifiers: egui::Modifiers) -> Option<Key> {
    use egui::Key as E;
    if modifiers.command || modifiers.ctrl {
        return (key == E::Q && !modifiers.alt && !modifiers.shift).then_some(Key::CtrlQ);
    }
    if modifiers.alt || modifiers.mac_cmd {
        return None;
    }
    if modifiers.shift {
        return (key == E::F5).then_some(Key::ShiftF5);
    }
    let digits = [
        E::Num0,
        E::Num1,
        E::Num2,
        E::Num3,
        E::Num4,
        E::Num5,
        E::Num6,
        E::Num7,
        E::Num8,
        E::Num9,
    ];
    if let Some(d) = digits.iter().position(|d| *d == key) {
        return u8::try_from(d).ok().map(Key::Digit);
    }
    Some(match key {
        E::ArrowRight => Key::Right,
        E::ArrowLeft => Key::Left,
        E::ArrowUp => Key::Up,
        E::ArrowDown => Key::Down,
        E::PageDown => Key::PageDown,
        E::PageUp => Key::PageUp,
        E::Space => Key::Space,
        E::Enter => Key::Enter,
        E::Backspace => Key::Backspace,
        E::Home => Key::Home,
        E::End => Key::End,
        E::B => Key::B,
        E::Period => Key::Period,
        E::W => Key::W,
        E::Tab => Key::Tab,
        E::O => Key::O,
        E::Escape => Key::Escape,
        E::F5 => Key::F5,
        E::P => Key::P,
        E::R => Key::R,
        E::H => Key::H,
        E::N => Key::N,
        E::V => Key::V,
        E::S => Key::S,
        E::C => Key::C,
        E::G => Key::G,
        E::A => Key::A,
        _ => return None,
    })
}
