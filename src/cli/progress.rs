//! A progress bar on standard error while cards are made, when it is a terminal.

use crate::batch::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Bar(Option<ProgressBar>);

impl Bar {
    pub fn new(visible: bool) -> Bar {
        Bar(visible.then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{bar:32} {pos}/{len} cards  {elapsed_precise}")
                    .expect("the progress template is valid"),
            );
            bar
        }))
    }
}

impl Progress for Bar {
    fn begin(&self, cards: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(cards as u64);
        }
    }

    fn card_done(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
