//! Under the summary, after a failure: when every feature is back and the
//! user-hours lost, and the time control ("hours since the failure", with
//! play) that sets the hour the map shows. Also in the embed: moving through
//! the recovery changes nothing and stores nothing.

use crate::editor::{Action, HOUR_STEP};
use crate::report::recovery::format_hours;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RecoveryBarProps {
    /// "Every feature back after 127.5 h · 5.9 billion user-hours" (when, and what is lost).
    pub line: String,
    /// Hours since the failure that the map shows.
    pub hour: f64,
    /// Where the time control ends; 0: there is no time to move through.
    pub end: f64,
    pub playing: bool,
    pub on_action: Callback<Action>,
}

#[function_component(RecoveryBar)]
pub fn recovery_bar(props: &RecoveryBarProps) -> Html {
    let on_input = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Ok(hour) = input.value().parse::<f64>() {
                on_action.emit(Action::SetRecoveryHour(hour));
            }
        })
    };
    let play = super::sender(&props.on_action)(if props.playing { Action::PauseRecovery } else { Action::PlayRecovery });
    let hour = format_hours(props.hour);
    let (when, lost) = props.line.split_once(" · ").unwrap_or((&props.line, ""));
    let separator = if lost.is_empty() { "" } else { " · " };
    html! {
        <div class="recovery-bar" data-testid="recovery-bar">
            <p class="recovery-line" data-testid="recovery-summary"
                title="User-hours add up users × hours dark over the dark features: someone who uses two of them counts twice.">
                // Each half stays on one line ("user-hours" never breaks at its hyphen).
                <span class="part">{ when }</span>{ separator }<span class="part">{ lost }</span>
            </p>
            if props.end > 0.0 {
                <div class="time-control">
                    <button class="play" data-testid="recovery-play" aria-pressed={props.playing.to_string()}
                        aria-label={if props.playing { "Pause" } else { "Play the recovery" }}
                        title={if props.playing { "Pause" } else { "Play the recovery hour by hour" }} onclick={play}>
                        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                            if props.playing {
                                <rect x="3" y="2" width="3.5" height="12" rx="1" /><rect x="9.5" y="2" width="3.5" height="12" rx="1" />
                            } else {
                                <path d="M4 2.2v11.6a.6.6 0 0 0 .9.5l9-5.8a.6.6 0 0 0 0-1L4.9 1.7a.6.6 0 0 0-.9.5z" />
                            }
                        </svg>
                    </button>
                    <input type="range" id="recovery-hour" data-testid="recovery-hour" min="0" max={props.end.to_string()}
                        step={HOUR_STEP.to_string()} value={props.hour.to_string()} aria-label="Hours since the failure"
                        aria-valuetext={format!("{hour} since the failure")} oninput={on_input} />
                    <output for="recovery-hour" class="hour" data-testid="recovery-hour-text">
                        <strong>{ hour }</strong>{ " since the failure" }
                    </output>
                </div>
            }
        </div>
    }
}
