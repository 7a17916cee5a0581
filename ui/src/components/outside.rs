//! The cards of plans proposed outside this window (the CLI, the MCP server, the signer
//! RPC) or still pending from before a reload: one at a time, above every page, the
//! next one waiting behind it. A card whose plan ended elsewhere leaves with a line
//! saying so.

use yew::prelude::*;

use crate::{
    components::plan_card::{Finished, PlanCard},
    state::{use_desk, DeskAction, Slot},
};

/// The outside card on screen, how many wait behind it, and the last one's end.
#[function_component(OutsideCards)]
pub(crate) fn outside_cards() -> Html {
    let desk = use_desk();
    let finished = use_state(|| None::<String>);
    let card = desk.card(Slot::Outside).cloned();
    let on_done = {
        let (desk, finished) = (desk.dispatcher(), finished.clone());
        Callback::from(move |f: Finished| {
            finished.set(Some(f.line));
            desk.dispatch(DeskAction::ClearOutsideNote);
            desk.dispatch(DeskAction::Done(Slot::Outside, f.id));
        })
    };
    let waiting = desk.proposed.len();
    // The last end: one elsewhere (kept in the desk) or this window's own answer.
    let note = desk.outside_note.clone().or_else(|| (*finished).clone());
    html! {
        <div class="outside" id="outside-cards">
            if let Some(n) = note {
                <p class="notice" id="outside-notice">{ n }</p>
            }
            if let Some(p) = card {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
                if waiting > 0 {
                    <p class="muted" id="outside-waiting">
                        { format!("{waiting} more proposed card{} waiting", if waiting == 1 { "" } else { "s" }) }
                    </p>
                }
            }
        </div>
    }
}
