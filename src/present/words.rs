//! The presenter's own words: labels of the presenter view, of `vein-kiosk text --notes`, and
//! the two "example" labels on the self-check slide. English and Spanish; any other language
//! gets the English words (the slides and notes themselves are always the content's).

/// Words of presenter mode in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// With `{n}` and `{total}`.
    pub slide_of: &'static str,
    /// Heading of the preview of what the audience sees.
    pub now: &'static str,
    /// Heading of the preview of the next slide.
    pub next: &'static str,
    /// Shown instead of the next slide after the last one.
    pub end: &'static str,
    /// Heading of the speaker notes, with `{language}`.
    pub notes: &'static str,
    /// How to see the notes in another language, with `{language}`.
    pub other_notes: &'static str,
    pub say: &'static str,
    /// Heading of the lines a presenter must say on the slide.
    pub must_say: &'static str,
    /// The slide's share of the talk, with `{minutes}`.
    pub minutes: &'static str,
    /// On a "Check your understanding" slide: the key that shows the right answers.
    pub reveal: &'static str,
    pub facts: &'static str,
    pub ask_the_room: &'static str,
    pub patients_ask: &'static str,
    pub answer: &'static str,
    /// The talk's time, before the figure.
    pub elapsed: &'static str,
    pub paused: &'static str,
    pub not_started: &'static str,
    pub black: &'static str,
    pub white: &'static str,
    pub overview: &'static str,
    /// A slide number being typed, before the digits.
    pub go_to: &'static str,
    /// Buttons of the presenter view.
    pub overview_button: &'static str,
    pub hide_button: &'static str,
    pub pause_button: &'static str,
    pub reset_button: &'static str,
    /// The row of the slide's cards.
    pub cards: &'static str,
    /// The row of the slide's pictures.
    pub pictures: &'static str,
    /// Closes the picture shown large.
    pub no_picture: &'static str,
    /// Heading of the valve's controls.
    pub valve: &'static str,
    /// The keys, in one line.
    pub keys: &'static str,
    /// Above the example question on the self-check slide.
    pub example_question: &'static str,
    /// Above the example summary on the self-check slide.
    pub example_summary: &'static str,
    /// Title of the presenter window.
    pub presenter_title: &'static str,
    /// Title of the audience window.
    pub audience_title: &'static str,
}

const EN: Words = Words {
    slide_of: "Slide {n} of {total}",
    now: "Audience sees",
    next: "Next",
    end: "End of the talk",
    notes: "Notes ({language})",
    other_notes: "N: notes in {language}",
    say: "Say",
    must_say: "Must say",
    minutes: "About {minutes} min",
    reveal: "Show the answers (A)",
    facts: "Key facts",
    ask_the_room: "Ask the room",
    patients_ask: "Patients ask",
    answer: "Answer",
    elapsed: "Elapsed",
    paused: "paused (P)",
    not_started: "starts on the first advance",
    black: "Black screen (B)",
    white: "White screen (W)",
    overview: "Overview: arrows and Enter choose a slide, Esc closes",
    go_to: "Go to slide",
    overview_button: "Overview (Tab)",
    hide_button: "Hide this window (H)",
    pause_button: "Pause or resume (P)",
    reset_button: "Reset time (R)",
    cards: "Cards (C)",
    pictures: "Pictures (G)",
    no_picture: "Back to the slide",
    valve: "Valve (V, S)",
    keys: "Right: next · Left: back · number, Enter: go to · B, W: black, white · Tab: overview · \
           P: pause · R: reset · H: hide this window · N: notes language · A: show answers · Ctrl+Q: end",
    example_question: "Example question",
    example_summary: "Example summary",
    presenter_title: "Vein kiosk: presenter",
    audience_title: "Vein kiosk: slides",
};

const ES: Words = Words {
    slide_of: "Diapositiva {n} de {total}",
    now: "El público ve",
    next: "Siguiente",
    end: "Fin de la charla",
    notes: "Notas ({language})",
    other_notes: "N: notas en {language}",
    say: "Qué decir",
    must_say: "Hay que decir",
    minutes: "Unos {minutes} min",
    reveal: "Mostrar las respuestas (A)",
    facts: "Datos clave",
    ask_the_room: "Pregunta para la sala",
    patients_ask: "Los pacientes preguntan",
    answer: "Respuesta",
    elapsed: "Tiempo",
    paused: "en pausa (P)",
    not_started: "empieza al avanzar",
    black: "Pantalla negra (B)",
    white: "Pantalla blanca (W)",
    overview: "Vista general: flechas y Enter eligen, Esc cierra",
    go_to: "Ir a la diapositiva",
    overview_button: "Vista general (Tab)",
    hide_button: "Ocultar esta ventana (H)",
    pause_button: "Pausar o seguir (P)",
    reset_button: "Reiniciar tiempo (R)",
    cards: "Tarjetas (C)",
    pictures: "Imágenes (G)",
    no_picture: "Volver a la diapositiva",
    valve: "Válvula (V, S)",
    keys: "Derecha: siguiente · Izquierda: atrás · número, Enter: ir · B, W: negro, blanco · \
           Tab: vista general · P: pausa · R: reiniciar · H: ocultar esta ventana · \
           N: idioma de las notas · A: mostrar respuestas · Ctrl+Q: terminar",
    example_question: "Pregunta de ejemplo",
    example_summary: "Resumen de ejemplo",
    presenter_title: "Quiosco de venas: presentador",
    audience_title: "Quiosco de venas: diapositivas",
};

impl Words {
    /// The words for the language `code` (English for any language not written here).
    pub fn for_language(code: &str) -> &'static Self {
        match code {
            "es" => &ES,
            _ => &EN,
        }
    }

    /// "Slide 3 of 13".
    pub fn slide_of(&self, index: usize, total: usize) -> String {
        self.slide_of
            .replace("{n}", &(index + 1).to_string())
            .replace("{total}", &total.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_english_and_a_fallback() {
        assert_eq!(Words::for_language("es").say, "Qué decir");
        assert_eq!(Words::for_language("en").say, "Say");
        assert_eq!(Words::for_language("pt"), Words::for_language("en"));
        assert_eq!(Words::for_language("en").slide_of(2, 13), "Slide 3 of 13");
    }
}
