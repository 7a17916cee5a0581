//! NFTs: mint with a name, a description and an image picked in the system's file
//! chooser (an `<input type=file>`, which WebKitGTK opens as the native GTK dialog),
//! then a card with the name and the file's size; and the gallery of the default
//! account's tokens with their images from the local content store.
//!
//! The webview reads the picked file's bytes and hands them to `nft_mint_plan`: no
//! path reaches the engine from here, and the engine still refuses paths typed in the
//! chat. The bytes stay in the plan, in memory, until the card is confirmed.

use sonic_types::{
    dto::NftInfo,
    ipc::{NftImageArgs, NftListArgs, NftMintPlanArgs},
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::{
    components::{
        on_form,
        plan_card::{Finished, PlanCard},
        value_of, ErrorLine,
    },
    hooks::{use_command, use_planner},
    ipc,
    state::{use_desk, use_live, DeskAction, Slot},
};

/// The NFT page: its card, the mint form, the gallery.
#[function_component(Nfts)]
pub(crate) fn nfts() -> Html {
    let refresh = use_live().changes;
    let desk = use_desk();
    let list = use_command::<NftListArgs>();
    let planner = use_planner::<NftMintPlanArgs>(Slot::Nfts);
    let notice = use_state(|| None::<String>);
    let name = use_state(String::new);
    let description = use_state(String::new);
    let file = use_node_ref();
    let unreadable = use_state(|| false);
    {
        let list = list.clone();
        use_effect_with(refresh, move |_| list.start(NftListArgs {}));
    }
    let on_done = {
        let (notice, desk, list) = (notice.clone(), desk.dispatcher(), list.clone());
        Callback::from(move |f: Finished| {
            notice.set(Some(f.line));
            desk.dispatch(DeskAction::Done(Slot::Nfts, f.id));
            list.start(NftListArgs {});
        })
    };
    let submit = {
        let (planner, notice, name, description, file, unreadable) =
            (planner.clone(), notice.clone(), name.clone(), description.clone(), file.clone(), unreadable.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            notice.set(None);
            let (planner, name, description, file, unreadable) =
                (planner.clone(), (*name).clone(), (*description).clone(), file.clone(), unreadable.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let picked = match file.cast::<HtmlInputElement>() {
                    Some(i) => match ipc::picked_file_bytes(&i).await {
                        Ok(p) => p,
                        Err(()) => {
                            unreadable.set(true);
                            return;
                        }
                    },
                    None => None,
                };
                unreadable.set(false);
                let (image_name, image) = match picked {
                    Some((n, b)) => (Some(n), Some(b)),
                    None => (None, None),
                };
                planner.plan(NftMintPlanArgs { name, description, image_name, image }, || {});
            });
        })
    };
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(value_of(&e)))
    };
    let gallery = match list.data() {
        None => html! {},
        Some(None) => {
            html! { <p id="nft-not-deployed">{ "The NFT contract is not deployed on this network yet." }</p> }
        }
        Some(Some(tokens)) if tokens.is_empty() => html! { <p class="muted" id="nft-empty">{ "No NFTs yet." }</p> },
        Some(Some(tokens)) => html! {
            <ul class="gallery" id="nft-gallery">
                { for tokens.iter().map(|t| html! { <Token key={t.token_id.to_string()} token={t.clone()} /> }) }
            </ul>
        },
    };
    html! {
        <div class="nfts">
            if let Some(p) = desk.card(Slot::Nfts).cloned() {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
            }
            if let Some(n) = &*notice { <p class="notice" id="nft-notice">{ n }</p> }
            <form class="card" id="nft-form" onsubmit={submit}>
                <h3>{ "Mint an NFT" }</h3>
                <label>{ "Name" }<input id="nft-name" value={(*name).clone()} oninput={input(&name)} /></label>
                <label>{ "Description" }<input id="nft-description" value={(*description).clone()} oninput={input(&description)} /></label>
                <label>{ "Image" }<input id="nft-image" type="file" accept="image/png,image/jpeg,image/gif,image/webp" ref={file} /></label>
                if *unreadable { <p class="error" id="nft-image-error">{ "The picked file cannot be read." }</p> }
                <ErrorLine error={on_form(planner.command().error())} />
                <ErrorLine error={planner.waiting()} />
                <button id="nft-review" class="primary" type="submit" disabled={planner.command().loading()}>{ "Review mint" }</button>
            </form>
            <div class="card">
                <h3>{ "Your NFTs" }</h3>
                { gallery }
                <ErrorLine error={on_form(list.error())} />
            </div>
        </div>
    }
}

/// Token properties.
#[derive(Properties, PartialEq)]
struct TokenProps {
    token: NftInfo,
}

/// One token of the gallery, its image asked from the local content store.
#[function_component(Token)]
fn token(p: &TokenProps) -> Html {
    let image = use_command::<NftImageArgs>();
    {
        let (image, cid) = (image.clone(), p.token.image_cid.clone());
        use_effect_with(cid, move |cid| {
            if let Some(cid) = cid {
                image.start(NftImageArgs { cid: cid.clone() });
            }
        });
    }
    let t = &p.token;
    let name = t.name.clone().unwrap_or_else(|| "(metadata not stored here)".into());
    html! {
        <li class="nft" id={format!("nft-{}", t.token_id)}>
            if let Some(Some(src)) = image.data() {
                <img class="nft-image" src={src.clone()} alt={name.clone()} />
            }
            <strong class="nft-name">{ name }</strong>
            <span class="muted">{ format!(" #{}", t.token_id) }</span>
            if let Some(d) = &t.description { <p class="nft-description">{ d }</p> }
            <p class="muted nft-uri">{ &t.token_uri }{ if t.pinned { "" } else { " (kept on this computer, not pinned yet)" } }</p>
        </li>
    }
}
