//! The self-check slide's picture column: an example question with its answer cards, and an
//! example summary, each in a frame labelled "Example". Painted only: nothing can be answered,
//! and the answers behind the summary are made up ([`crate::present::example`]).

use std::sync::Arc;

use egui::{Galley, Painter, Pos2, Rect, Stroke, StrokeKind, Ui, pos2, vec2};

use super::{Stage, scaled};
use crate::present::example;
use crate::selfcheck::QuestionKind;
use crate::theme::Theme;

/// Paints both examples into `rect`, the question above the summary, at the largest type (up to
/// the slide's) at which both fit.
pub fn paint(ui: &Ui, stage: &Stage<'_>, rect: Rect, theme: &Theme) {
    let painter = ui.painter_at(rect);
    let mut chosen = None;
    for share in [1.0, 0.9, 0.8, 0.7, 0.6, 0.5] {
        let t = scaled(&theme.tokens, share);
        let panels = Panels::new(&painter, stage, rect.width(), &t);
        if panels.height(&t) <= rect.height() || share <= 0.5 {
            chosen = Some((panels, t));
            break;
        }
    }
    if let Some((panels, t)) = chosen {
        panels.paint(&painter, rect.min, &t);
    }
}

/// Both examples, laid out `width` wide.
struct Panels {
    label: (Arc<Galley>, Arc<Galley>),
    ask: Option<Arc<Galley>>,
    answers: Vec<Arc<Galley>>,
    /// The summary's lines, each with its indent and the space above it.
    summary: Vec<(Arc<Galley>, f32, f32)>,
    width: f32,
}

impl Panels {
    fn new(painter: &Painter, stage: &Stage<'_>, width: f32, theme: &Theme) -> Self {
        let language = stage.language();
        let words = &language.ui.presenter;
        let pad = theme.tokens.gap * 1.5;
        let gap = theme.tokens.gap;
        let inner_w = width - 2.0 * pad;
        let small = |t: &str| painter.layout_no_wrap(t.to_owned(), theme.small(), theme.muted_text);
        let question = example::question(&stage.content.selfcheck)
            .and_then(|q| language.selfcheck.questions.get(&q.id).map(|t| (q, t)));
        let ui_words = &language.selfcheck.ui;
        let (ask, answers) = match question {
            Some((q, text)) => {
                let ask = painter.layout(
                    stage.content.fill(&text.ask),
                    theme.button(),
                    theme.text,
                    inner_w,
                );
                let labels: Vec<&str> = match &q.kind {
                    QuestionKind::YesNo => {
                        vec![
                            &ui_words.yes,
                            &ui_words.no,
                            &ui_words.not_sure,
                            &ui_words.skip,
                        ]
                    }
                    QuestionKind::Legs => {
                        vec![
                            &ui_words.left,
                            &ui_words.right,
                            &ui_words.both,
                            &ui_words.neither,
                        ]
                    }
                    QuestionKind::One(options) | QuestionKind::Many(options) => options
                        .iter()
                        .filter_map(|o| text.options.get(&o.id).map(String::as_str))
                        .collect(),
                };
                let answers = labels
                    .iter()
                    .map(|a| painter.layout_no_wrap((*a).to_owned(), theme.button(), theme.text))
                    .collect();
                (Some(ask), answers)
            }
            None => (None, Vec::new()),
        };
        let s = example::summary(stage.content, &language.code);
        let mut summary = vec![(
            painter.layout(s.title.clone(), theme.button(), theme.text, inner_w),
            0.0,
            0.0,
        )];
        for (title, lines) in &s.groups {
            summary.push((
                painter.layout(title.clone(), theme.button(), theme.text, inner_w),
                0.0,
                gap,
            ));
            for line in lines {
                summary.push((
                    painter.layout(
                        format!("• {}", line.text()),
                        theme.body(),
                        theme.text,
                        inner_w - gap,
                    ),
                    gap,
                    gap * 0.3,
                ));
            }
        }
        summary.push((
            painter.layout(
                s.not_a_diagnosis.clone(),
                theme.small(),
                theme.muted_text,
                inner_w,
            ),
            0.0,
            gap,
        ));
        Self {
            label: (
                small(&words.example_question),
                small(&words.example_summary),
            ),
            ask,
            answers,
            summary,
            width,
        }
    }

    fn answer_size(&self, theme: &Theme) -> egui::Vec2 {
        let gap = theme.tokens.gap;
        let inner_w = self.width - 3.0 * gap;
        let h = self.answers.iter().map(|a| a.size().y).fold(0.0, f32::max) + 2.0 * gap;
        vec2(((inner_w - 2.0 * gap) / 2.0).floor(), h)
    }

    fn question_height(&self, theme: &Theme) -> f32 {
        let (pad, gap) = (theme.tokens.gap * 1.5, theme.tokens.gap);
        let Some(ask) = &self.ask else {
            return 0.0;
        };
        let rows = self.answers.len().div_ceil(2) as f32;
        pad + self.label.0.size().y
            + gap
            + ask.size().y
            + gap
            + rows * (self.answer_size(theme).y + gap)
            + pad
    }

    fn summary_height(&self, theme: &Theme) -> f32 {
        let pad = theme.tokens.gap * 1.5;
        let lines: f32 = self
            .summary
            .iter()
            .map(|(g, _, above)| g.size().y + above)
            .sum();
        pad + self.label.1.size().y + theme.tokens.gap + lines + pad
    }

    fn height(&self, theme: &Theme) -> f32 {
        self.question_height(theme) + 2.0 * theme.tokens.gap + self.summary_height(theme)
    }

    fn paint(&self, painter: &Painter, at: Pos2, theme: &Theme) {
        let (pad, gap) = (theme.tokens.gap * 1.5, theme.tokens.gap);
        let frame = |r: Rect| {
            painter.rect(
                r,
                theme.radius(),
                theme.surface,
                Stroke::new(2.0, theme.control_border),
                StrokeKind::Inside,
            );
        };
        let mut y = at.y;
        if let Some(ask) = &self.ask {
            frame(Rect::from_min_size(
                pos2(at.x, y),
                vec2(self.width, self.question_height(theme)),
            ));
            y += pad;
            painter.galley(pos2(at.x + pad, y), self.label.0.clone(), theme.muted_text);
            y += self.label.0.size().y + gap;
            painter.galley(pos2(at.x + pad, y), ask.clone(), theme.text);
            y += ask.size().y + gap;
            let size = self.answer_size(theme);
            for pair in self.answers.chunks(2) {
                for (i, answer) in pair.iter().enumerate() {
                    let r =
                        Rect::from_min_size(pos2(at.x + pad + i as f32 * (size.x + gap), y), size);
                    painter.rect(
                        r,
                        theme.radius(),
                        theme.control,
                        Stroke::new(2.0, theme.control_border),
                        StrokeKind::Inside,
                    );
                    painter.galley(r.center() - answer.size() / 2.0, answer.clone(), theme.text);
                }
                y += size.y + gap;
            }
            y += pad + gap;
        }
        frame(Rect::from_min_size(
            pos2(at.x, y),
            vec2(self.width, self.summary_height(theme)),
        ));
        y += pad;
        painter.galley(pos2(at.x + pad, y), self.label.1.clone(), theme.muted_text);
        y += self.label.1.size().y + gap;
        for (galley, indent, above) in &self.summary {
            y += above;
            painter.galley(pos2(at.x + pad + indent, y), galley.clone(), theme.text);
            y += galley.size().y;
        }
    }
}
